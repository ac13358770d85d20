import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { MongooseModule } from '@nestjs/mongoose';
import { CONTEXT_TOPICS } from '@pb/contracts';
import { MessagingModule } from '@pb/messaging';
import { PlatformModule, ScheduledWorkModule, ServiceModuleOptions } from '@pb/platform';
import { INBOX_HANDLERS } from './application/inbox/handlers';
import { ContextStore } from './application/notify/context-store';
import { NotificationStore } from './application/notify/notification-store';
import { NotifyOnEvent } from './application/notify/notify-on-event';
import { PREFERENCES_HANDLERS } from './application/preferences/handlers';
import { RECIPIENTS_HANDLERS } from './application/recipients/handlers';
import { KnownRecipients } from './application/recipients/known-recipients';
import { REMINDERS_HANDLERS } from './application/reminders/handlers';
import { NOTIFICATION_CONTEXTS, NotificationContextSchema } from './infrastructure/contexts.collection';
import { NOTIFICATIONS, NotificationSchema } from './infrastructure/notifications.collection';
import { PREFERENCES, PreferencesSchema } from './infrastructure/preferences.collection';
import { RECIPIENTS, RecipientSchema } from './infrastructure/recipients.collection';
import { NOTIFICATION_STATES, NotificationStateSchema } from './infrastructure/states.collection';
import { ContextEventsConsumer } from './interface/events/context-events.consumer';
import { KnownRecipientsInterceptor } from './interface/http/known-recipients.interceptor';
import { NotificationsController } from './interface/http/notifications.controller';
import { StreamController } from './interface/http/stream.controller';
import { LiveFeed } from './application/live/live-feed';
import { RecipientsController } from './interface/http/recipients.controller';
import { RemindersJob } from './interface/schedule/reminders.job';
import { NotificationsConfig } from './notifications.config';
import { ChannelsModule } from './channels.module';

/** 消息通知: to-dos and notices from the facts of every context, for the part each user plays. */
@Module({})
export class NotificationsModule {
  static register(config: NotificationsConfig, options: ServiceModuleOptions = {}): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [
        PlatformModule.forService('notifications', config, options),
        // Every context's facts; it writes no aggregate and publishes nothing.
        MessagingModule.forService({ consumes: { groupId: 'notifications', topics: Object.values(CONTEXT_TOPICS) } }),
        MongooseModule.forFeature([
          { name: NOTIFICATIONS, schema: NotificationSchema },
          { name: NOTIFICATION_CONTEXTS, schema: NotificationContextSchema },
          { name: NOTIFICATION_STATES, schema: NotificationStateSchema },
          { name: RECIPIENTS, schema: RecipientSchema },
          { name: PREFERENCES, schema: PreferencesSchema },
        ]),
        CqrsModule.forRoot(),
        ScheduledWorkModule,
        ChannelsModule.register(config),
      ],
      controllers: [ContextEventsConsumer, NotificationsController, RecipientsController, StreamController],
      providers: [
        ...INBOX_HANDLERS,
        ...PREFERENCES_HANDLERS,
        ...RECIPIENTS_HANDLERS,
        ...REMINDERS_HANDLERS,
        NotificationStore,
        ContextStore,
        NotifyOnEvent,
        KnownRecipients,
        { provide: APP_INTERCEPTOR, useClass: KnownRecipientsInterceptor },
        { provide: NotificationsConfig, useValue: config },
        RemindersJob,
        LiveFeed,
      ],
    };
  }
}
