export * from './organization-events';
