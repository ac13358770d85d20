// Event contracts of the activities context; each file defines its events with defineEvent().
export * from './activity-events';
export * from './room-events';
export * from './volunteer-events';
export * from './compliance-events';
export * from './pledge-events';
export * from './recognition-events';
export type { ActivitiesJurisdiction } from './common';
export * from './ratings';
