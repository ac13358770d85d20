import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { afterPosition, Clock } from '@pb/platform';
import { findEach } from '@pb/platform/find-each';
import { insertManyTolerant } from '@pb/platform/insert-many';
import type { NotificationRecord } from '../../domain/notification';
import { NotificationsConfig } from '../../notifications.config';
import type { PreferenceEntry } from '../../infrastructure/preferences.collection';
import { channelEnabled } from '../preferences/channel-preferences';
import { parseWebhookUrls, webhookUrlFor, type WebhookUrls } from './channel-rules';
import { ChannelCollections, Delivery, deliveryId } from './deliveries';

/** 外发分发: queues a webhook delivery per person for the notifications stored since the last run. */
export class FanOutWebhooks {}

export interface FanOutResult {
  notifications: number;
  queued: number;
}

const CURSOR = 'webhook-fan-out';
/** Notifications per page; a run reads at most MAX_PAGES of them, the next run the rest. */
const PAGE = 200;
const MAX_PAGES = 25;

/**
 * Reads `notifications` in `(createdAt, _id)` order from its cursor (stored in `channel_cursors`),
 * finds each notification's recipients (the users whose audiences hold its audience and whose
 * preferences allow the webhook for its rule) and inserts one PENDING delivery each. The
 * deliveries are inserted before the cursor moves, and their ids are deterministic: a run that
 * stops between the two inserts the same deliveries again, which the store keeps once.
 */
@CommandHandler(FanOutWebhooks)
export class FanOutWebhooksHandler implements ICommandHandler<FanOutWebhooks, FanOutResult> {
  private readonly urls: WebhookUrls;

  constructor(
    private readonly c: ChannelCollections,
    private readonly clock: Clock,
    private readonly config: NotificationsConfig,
  ) {
    const parsed = parseWebhookUrls(config.WEBHOOK_URLS);
    this.urls = 'urls' in parsed ? parsed.urls : {};
  }

  async execute(): Promise<FanOutResult> {
    const result: FanOutResult = { notifications: 0, queued: 0 };
    if (Object.keys(this.urls).length === 0) return result;
    const now = this.clock.now();
    const until = new Date(now.getTime() - this.config.WEBHOOK_FANOUT_LAG_MS);
    let cursor = await this.c.cursors.findOne({ _id: CURSOR });
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const after = cursor ? [afterPosition('createdAt', cursor.createdAt, cursor.notificationId, 'asc')] : [];
      const page = (await this.c.notifications
        .find({ $and: [{ createdAt: { $lte: until } }, ...after] })
        .sort({ createdAt: 1, _id: 1 })
        .limit(PAGE)
        .toArray()) as NotificationRecord[];
      if (page.length === 0) break;
      const deliveries = await this.deliveriesFor(page, now);
      if (deliveries.length) await insertManyTolerant(this.c.deliveries, deliveries);
      const last = page[page.length - 1]!;
      cursor = { _id: CURSOR, createdAt: last.createdAt, notificationId: last._id, updatedAt: now };
      await this.c.cursors.updateOne({ _id: CURSOR }, { $set: { createdAt: last.createdAt, notificationId: last._id, updatedAt: now } }, { upsert: true });
      result.notifications += page.length;
      result.queued += deliveries.length;
      if (page.length < PAGE) break;
    }
    return result;
  }

  private async deliveriesFor(page: NotificationRecord[], now: Date): Promise<Delivery[]> {
    const horizon = now.getTime() - this.config.NOTICE_HORIZON_HOURS * 3600_000;
    const recipientsOf = new Map<string, { _id: string }[]>();
    const preferencesOf = new Map<string, PreferenceEntry[] | undefined>();
    const deliveries: Delivery[] = [];
    for (const n of page) {
      // A to-do already closed, or a fact older than the horizon (a rebuild), is for the console only.
      if (n.kind === 'TODO' && n.state !== 'OPEN') continue;
      if (Date.parse(n.at) < horizon) continue;
      const url = webhookUrlFor(this.urls, n.districtId);
      if (!url) continue;
      let recipients = recipientsOf.get(n.audience);
      if (!recipients) {
        recipients = await this.c.recipients.find({ audiences: n.audience, active: true }, { projection: { _id: 1 } }).toArray();
        recipientsOf.set(n.audience, recipients);
      }
      const unknown = recipients.map((r) => r._id).filter((id) => !preferencesOf.has(id));
      const found = await findEach(unknown, (id) => this.c.preferences.findOne({ _id: id }));
      for (const id of unknown) preferencesOf.set(id, found.find((p) => p._id === id)?.entries);
      for (const { _id: userId } of recipients) {
        if (!channelEnabled(preferencesOf.get(userId) ?? [], n.rule, n.kind, 'WEBHOOK')) continue;
        deliveries.push({
          _id: deliveryId(n._id, userId, 'WEBHOOK'),
          notificationId: n._id,
          userId,
          channel: 'WEBHOOK',
          audience: n.audience,
          kind: n.kind,
          rule: n.rule,
          districtId: n.districtId,
          url,
          state: 'PENDING',
          attempts: 0,
          round: 0,
          nextAttemptAt: now,
          lastError: null,
          createdAt: now,
          updatedAt: now,
          deliveredAt: null,
          deadAt: null,
        });
      }
    }
    return deliveries;
  }
}
