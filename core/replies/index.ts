export * from './template';
export * from './memo';
