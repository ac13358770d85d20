import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MessagingModule } from '@pb/messaging';
import { PlatformModule, ServiceConfig } from '@pb/platform';

/** 共治 */
@Module({})
export class GovernanceModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: GovernanceModule,
      imports: [PlatformModule.forService('governance', config), MessagingModule.forService({ context: 'governance' }), CqrsModule.forRoot()],
    };
  }
}
