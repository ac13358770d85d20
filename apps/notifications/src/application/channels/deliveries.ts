import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Collection, Connection } from 'mongoose';
import type { Channel, NotificationKind, NotificationRecord } from '../../domain/notification';
import type { PreferenceEntry } from '../../infrastructure/preferences.collection';

export const DELIVERY_STATES = ['PENDING', 'DELIVERED', 'DEAD'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * 外发投递: one notification to one user on one channel, `_id` = `<notificationId>:<userId>:<channel>`,
 * so the fan-out inserting it twice (a rerun after a crash) stores it once. The content is read
 * from the notification when it is sent: nothing personal is copied here.
 */
export interface Delivery {
  _id: string;
  notificationId: string;
  userId: string;
  channel: Channel;
  audience: string;
  kind: NotificationKind;
  rule: string;
  districtId: string;
  url: string;
  state: DeliveryState;
  /** Tries made in this round (a re-queue from dead starts a new round at 0). */
  attempts: number;
  /** Re-queues of a dead delivery; part of each try's claim, so a new round claims afresh. */
  round: number;
  nextAttemptAt: Date | null;
  /** What the last failed try got: `HTTP 500`, `timeout`, `network`; never a body. */
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  deliveredAt: Date | null;
  deadAt: Date | null;
}

export const deliveryId = (notificationId: string, userId: string, channel: Channel) => `${notificationId}:${userId}:${channel}`;

/**
 * One try of one delivery, `_id` = `<deliveryId>#<round>.<attempt>`: whoever inserts it makes that
 * try, so two instances never send the same try. Ownership by a unique insert, not by a conditional
 * update, which FerretDB runs as a read and then a write (see libs/platform/src/schedule/lease.ts).
 */
export interface DeliveryClaim {
  _id: string;
  owner: string;
  at: Date;
}

/** Where a reader of `notifications` got to, in the `(createdAt, _id)` order. */
export interface ChannelCursor {
  _id: string;
  createdAt: Date;
  notificationId: string;
  updatedAt: Date;
}

interface RecipientDoc {
  _id: string;
  audiences: string[];
  districtId: string | null;
  active: boolean;
}

interface PreferencesDoc {
  _id: string;
  entries: PreferenceEntry[];
}

interface StateDoc {
  _id: string;
  userId: string;
  notificationId: string;
  readAt?: Date | null;
  dismissedAt?: Date | null;
}

/**
 * The collections the channels use: their own (`deliveries`, `delivery_claims`, `channel_cursors`)
 * and, read only except for the digest's own notices, the service's (names and shapes fixed by the
 * service's design, docs/services/notifications.md).
 */
@Injectable()
export class ChannelCollections implements OnModuleInit {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  get deliveries(): Collection<Delivery> {
    return this.connection.collection<Delivery>('deliveries');
  }
  get claims(): Collection<DeliveryClaim> {
    return this.connection.collection<DeliveryClaim>('delivery_claims');
  }
  get cursors(): Collection<ChannelCursor> {
    return this.connection.collection<ChannelCursor>('channel_cursors');
  }
  get notifications(): Collection<NotificationRecord> {
    return this.connection.collection<NotificationRecord>('notifications');
  }
  get recipients(): Collection<RecipientDoc> {
    return this.connection.collection<RecipientDoc>('recipients');
  }
  get preferences(): Collection<PreferencesDoc> {
    return this.connection.collection<PreferencesDoc>('preferences');
  }
  get states(): Collection<StateDoc> {
    return this.connection.collection<StateDoc>('notification_states');
  }

  async onModuleInit(): Promise<void> {
    // The sender's due list; the dead letters of a district, newest first.
    await this.deliveries.createIndex({ state: 1, nextAttemptAt: 1 });
    await this.deliveries.createIndex({ state: 1, districtId: 1, createdAt: -1, _id: -1 });
    await this.claims.createIndex({ at: 1 });
    await this.recipients.createIndex({ audiences: 1 });
  }
}
