export * from './infra-env';
export * from './wait-for';
export * from './topic-reader';
export * from './app-process';
export * from './auth';
export * from './event-factory';
export * from './exact-producer';
export * from './ports';
