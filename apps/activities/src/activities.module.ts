import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MessagingModule } from '@pb/messaging';
import { PlatformModule, ServiceConfig } from '@pb/platform';

/** 活动共办 */
@Module({})
export class ActivitiesModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: ActivitiesModule,
      imports: [PlatformModule.forService('activities', config), MessagingModule.forService({ context: 'activities' }), CqrsModule.forRoot()],
    };
  }
}
