import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { text } from 'express';
import { ServiceConfig } from '@pb/platform';
import { FLOATING_HANDLERS } from './application/floating/handlers';
import { IDENTITY_HANDLERS } from './application/identity/handlers';
import { IMPORT_HANDLERS } from './application/import/handlers';
import { MemberStatistics } from './application/member/count-zone-members.query';
import { MEMBER_HANDLERS } from './application/member/handlers';
import { MemberSteps } from './application/member/member-steps';
import { PersonRecords } from './application/member/person-records';
import { OrganizationResolver } from './application/member/resolve-organization';
import { TRANSFER_HANDLERS } from './application/transfer/handlers';
import { IdentityDeclarationContacts } from './infrastructure/identity/identity-declaration-contacts';
import { MEMBER_IMPORT_LOG, MemberImportLogSchema, MemberImports } from './infrastructure/import/member-import.log';
import { ID_NUMBER_REVEAL, IdNumberReveals, IdNumberRevealSchema } from './infrastructure/member/id-number-reveals';
import { MemberDataProtection } from './infrastructure/member/member-data-protection';
import { MemberOrganizations } from './infrastructure/member/member-organizations';
import { MemberPersonalData } from './infrastructure/member/member-personal-data';
import { IdentityDeclarationsController } from './interface/http/identity-declarations.controller';
import { MembersController } from './interface/http/members.controller';
import { RecommendationsController } from './interface/http/recommendations.controller';

/** Bulk imports only: CSV files of 10,000 members are a few MB; every other route keeps the small JSON limit. */
export const IMPORT_BODY_LIMIT = '20mb';

/** Members, development pipeline, floating members, identity declarations, transfers and bulk import. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: MEMBER_IMPORT_LOG, schema: MemberImportLogSchema },
      { name: ID_NUMBER_REVEAL, schema: IdNumberRevealSchema },
    ]),
  ],
  controllers: [MembersController, IdentityDeclarationsController, RecommendationsController],
  providers: [
    { provide: MemberDataProtection, inject: [ServiceConfig], useFactory: (config: ServiceConfig) => MemberDataProtection.fromConfig(config) },
    MemberPersonalData,
    MemberImports,
    IdNumberReveals,
    MemberOrganizations,
    IdentityDeclarationContacts,
    PersonRecords,
    MemberSteps,
    OrganizationResolver,
    MemberStatistics,
    ...MEMBER_HANDLERS,
    ...FLOATING_HANDLERS,
    ...TRANSFER_HANDLERS,
    ...IDENTITY_HANDLERS,
    ...IMPORT_HANDLERS,
  ],
})
export class MembersModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: IMPORT_BODY_LIMIT })).forRoutes({ path: 'members/imports', method: RequestMethod.POST });
  }
}
