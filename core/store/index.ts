export * from './schema';
export * from './sentinel-store';
export * from './recent-cases';
export * from './payouts';
export * from './read-only-store';
