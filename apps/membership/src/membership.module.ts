import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MongooseModule } from '@nestjs/mongoose';
import { MessagingModule } from '@pb/messaging';
import { PlatformModule, ServiceConfig } from '@pb/platform';
import { RegisterOrganizationHandler } from './application/organization/register-organization.command';
import { RenameOrganizationHandler } from './application/organization/rename-organization.command';
import { GetOrganizationHandler, ListOrganizationsHandler } from './application/organization/list-organizations.query';
import { OrganizationRepository } from './infrastructure/organization/organization.repository';
import { ORGANIZATION_SNAPSHOT, OrganizationSnapshotSchema } from './infrastructure/organization/organization.snapshot';
import { OrganizationsController } from './interface/http/organizations.controller';
import { MembersModule } from './members.module';

/** 组织共建、党员共管: organizations, alliances, members, floating members, transfers. */
@Module({})
export class MembershipModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: MembershipModule,
      imports: [
        PlatformModule.forService('membership', config),
        MessagingModule.forService({ context: 'membership' }),
        CqrsModule.forRoot(),
        MongooseModule.forFeature([{ name: ORGANIZATION_SNAPSHOT, schema: OrganizationSnapshotSchema }]),
        MembersModule,
      ],
      controllers: [OrganizationsController],
      providers: [
        OrganizationRepository,
        RegisterOrganizationHandler,
        RenameOrganizationHandler,
        ListOrganizationsHandler,
        GetOrganizationHandler,
      ],
    };
  }
}
