export * from './reference-views';
export * from './reference-changes';
export * from './membership-reference';
export * from './membership-reference.projector';
export * from './membership-reference.module';
export * from './zone-members';
