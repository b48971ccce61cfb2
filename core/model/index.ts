export * from './facts';
export * from './guidance';
export * from './ledger';
