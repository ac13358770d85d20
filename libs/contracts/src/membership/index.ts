export * from './jurisdiction-events';
export * from './organization-events';
export * from './member-events';
