export * from './jurisdiction-events';
export * from './organization-events';
export * from './member-events';
export * from './alliance-events';
export * from './mass-organization-events';
export * from './development-events';
export * from './transfer-events';
export * from './identity-events';
