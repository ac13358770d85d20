import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MessagingModule } from '@pb/messaging';
import { PlatformModule, ServiceConfig } from '@pb/platform';

/** 资源共享、互利共赢 */
@Module({})
export class EnterpriseModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: EnterpriseModule,
      imports: [PlatformModule.forService('enterprise', config), MessagingModule.forService({ context: 'enterprise' }), CqrsModule.forRoot()],
    };
  }
}
