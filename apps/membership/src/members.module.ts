import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { text } from 'express';
import { ServiceConfig } from '@pb/platform';
import { CheckInFloatingMemberHandler } from './application/floating/check-in-floating-member.command';
import { CheckOutFloatingMemberHandler } from './application/floating/check-out-floating-member.command';
import { DeclareIdentityHandler } from './application/identity/declare-identity.command';
import { GetIdentityDeclarationHandler, ListIdentityDeclarationsHandler } from './application/identity/list-identity-declarations.query';
import { ReviewIdentityDeclarationHandler } from './application/identity/review-identity-declaration.command';
import { ImportMembersHandler } from './application/import/import-members.command';
import { AdmitMemberAsFullHandler } from './application/member/admit-member.command';
import { AdvanceDevelopmentHandler } from './application/member/advance-development.command';
import { CountZoneMembersHandler } from './application/member/count-zone-members.query';
import { GetMemberHandler, PresentMemberHandler } from './application/member/get-member.query';
import { ListMembersHandler } from './application/member/list-members.query';
import { ListRecommendationsHandler } from './application/member/list-recommendations.query';
import { PersonRecords } from './application/member/person-records';
import { RecordRecommendationHandler } from './application/member/record-recommendation.command';
import { RegisterMemberHandler } from './application/member/register-member.command';
import { OrganizationResolver } from './application/member/resolve-organization';
import { SubmitApplicationHandler } from './application/member/submit-application.command';
import { AdvanceTransferHandler } from './application/transfer/advance-transfer.command';
import { ListOpenTransfersHandler } from './application/transfer/list-transfers.query';
import { RequestTransferHandler } from './application/transfer/request-transfer.command';
import { IdentityDeclarationContacts } from './infrastructure/identity/identity-declaration-contacts';
import { MEMBER_IMPORT_LOG, MemberImportLogSchema } from './infrastructure/import/member-import.log';
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
    MongooseModule.forFeature([{ name: MEMBER_IMPORT_LOG, schema: MemberImportLogSchema }]),
  ],
  controllers: [MembersController, IdentityDeclarationsController, RecommendationsController],
  providers: [
    { provide: MemberDataProtection, inject: [ServiceConfig], useFactory: (config: ServiceConfig) => MemberDataProtection.fromConfig(config) },
    MemberPersonalData,
    MemberOrganizations,
    IdentityDeclarationContacts,
    PersonRecords,
    OrganizationResolver,
    RegisterMemberHandler,
    SubmitApplicationHandler,
    AdvanceDevelopmentHandler,
    AdmitMemberAsFullHandler,
    CheckInFloatingMemberHandler,
    CheckOutFloatingMemberHandler,
    RequestTransferHandler,
    AdvanceTransferHandler,
    DeclareIdentityHandler,
    ReviewIdentityDeclarationHandler,
    RecordRecommendationHandler,
    ImportMembersHandler,
    GetMemberHandler,
    PresentMemberHandler,
    ListMembersHandler,
    CountZoneMembersHandler,
    ListOpenTransfersHandler,
    ListIdentityDeclarationsHandler,
    GetIdentityDeclarationHandler,
    ListRecommendationsHandler,
  ],
})
export class MembersModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: IMPORT_BODY_LIMIT })).forRoutes({ path: 'members/imports', method: RequestMethod.POST });
  }
}
