export * from './beijing';
export * from './duration';
export * from './working-days';
