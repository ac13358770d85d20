export * from './envelope';
export * from './event-definition';
export * from './topics';
export * from './catalogue';
export * from './schema-validator';
export * from './membership';
