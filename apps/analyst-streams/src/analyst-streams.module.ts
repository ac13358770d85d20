import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CONTEXT_TOPICS } from '@pb/contracts';
import { MessagingModule } from '@pb/messaging';
import { PlatformModule, ServiceModuleOptions } from '@pb/platform';
import { AnalystStreamsConfig } from './analyst-streams.config';
import { PublishAnalystEvent } from './application/publish-analyst-event';
import { AnalystTopicPublisher } from './infrastructure/analyst-topic.publisher';
import { KNOWN_NAME, KnownNames, KnownNameSchema } from './infrastructure/known-names.store';
import { ContextEventsConsumer } from './interface/events/context-events.consumer';

/** 分析事件流: derives the de-identified analyst topics from the context topics. */
@Module({})
export class AnalystStreamsModule {
  static register(config: AnalystStreamsConfig, options: ServiceModuleOptions = {}): DynamicModule {
    return {
      module: AnalystStreamsModule,
      imports: [
        PlatformModule.forService('analyst-streams', config, options),
        MessagingModule.forService({ consumes: { groupId: 'analyst-streams', topics: Object.values(CONTEXT_TOPICS) } }),
        MongooseModule.forFeature([{ name: KNOWN_NAME, schema: KnownNameSchema }]),
      ],
      controllers: [ContextEventsConsumer],
      providers: [{ provide: AnalystStreamsConfig, useValue: config }, AnalystTopicPublisher, KnownNames, PublishAnalystEvent],
    };
  }
}
