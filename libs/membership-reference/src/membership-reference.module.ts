import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MembershipReference } from './membership-reference';
import { MEMBERSHIP_REFERENCE_OPTIONS, MemberReferenceProjector, MembershipReferenceProjector } from './membership-reference.projector';
import type { MembershipReferenceOptions } from './reference-changes';
import { REFERENCE_VIEWS } from './reference-views';

/**
 * A service's own copy of membership's reference data, in its own database and read through its
 * own consumer group of `membership.events` (the service's MessagingModule must consume it).
 */
@Module({})
export class MembershipReferenceModule {
  static forService(options: MembershipReferenceOptions): DynamicModule {
    return {
      module: MembershipReferenceModule,
      imports: [MongooseModule.forFeature(REFERENCE_VIEWS)],
      controllers: options.keepMembers === false ? [MembershipReferenceProjector] : [MembershipReferenceProjector, MemberReferenceProjector],
      providers: [{ provide: MEMBERSHIP_REFERENCE_OPTIONS, useValue: options }, MembershipReference],
      exports: [MembershipReference],
    };
  }
}
