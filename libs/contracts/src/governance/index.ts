// Event contracts of the governance context; each file defines its events with defineEvent().
export * from './committee-events';
export * from './grid-events';
export * from './case-events';
export * from './mediation-events';
export * from './outreach-events';
