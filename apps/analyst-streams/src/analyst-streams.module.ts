import { DynamicModule, Module } from '@nestjs/common';
import { CONTEXT_TOPICS } from '@pb/contracts';
import { MessagingModule } from '@pb/messaging';
import { PlatformModule, ServiceModuleOptions } from '@pb/platform';
import { AnalystStreamsConfig } from './analyst-streams.config';
import { PublishAnalystEvent } from './application/publish-analyst-event';
import { AnalystTopicPublisher } from './infrastructure/analyst-topic.publisher';
import { ContextEventsConsumer } from './interface/events/context-events.consumer';

/** 分析事件流: derives the pseudonymised analyst topics from the context topics. */
@Module({})
export class AnalystStreamsModule {
  static register(config: AnalystStreamsConfig, options: ServiceModuleOptions = {}): DynamicModule {
    return {
      module: AnalystStreamsModule,
      imports: [
        PlatformModule.forService('analyst-streams', config, options),
        MessagingModule.forService({ consumes: { groupId: 'analyst-streams', topics: Object.values(CONTEXT_TOPICS) } }),
      ],
      controllers: [ContextEventsConsumer],
      providers: [{ provide: AnalystStreamsConfig, useValue: config }, AnalystTopicPublisher, PublishAnalystEvent],
    };
  }
}
