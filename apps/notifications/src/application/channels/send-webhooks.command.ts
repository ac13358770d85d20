import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, isDuplicateKey, leaseOwner } from '@pb/platform';
import type { NotificationRecord } from '../../domain/notification';
import { NotificationsConfig } from '../../notifications.config';
import { parseWebhookUrls, retryDelayMs, webhookSignature, webhookUrlFor, type WebhookUrls } from './channel-rules';
import { ChannelCollections, Delivery } from './deliveries';
import { webhookDead, webhookTries } from './webhook-metrics';

/** 外发投递: sends the webhook deliveries that are due, each try once. */
export class SendWebhooks {}

export interface SendResult {
  delivered: number;
  failed: number;
  dead: number;
  skipped: number;
}

/** Due deliveries per run (the next run takes the rest) and how many are in flight at once. */
const BATCH = 100;
const IN_FLIGHT = 4;
/** A claimed try with no outcome after its timeout and this much more was cut off (a crash): it counts as failed. */
const STALE_AFTER_TIMEOUT_MS = 60_000;

/** What the receiver gets: the notification as its recipient sees it in the console, nothing more. */
export interface WebhookPayload {
  id: string;
  notificationId: string;
  userId: string;
  audience: string;
  kind: string;
  rule: string;
  title: string;
  body: string;
  link: string | null;
  at: string;
}

type Outcome = { ok: true } | { ok: false; error: string };

/**
 * Each try of a delivery is claimed by inserting `<id>#<round>.<attempt>` into `delivery_claims`
 * (one instance wins), then made, then recorded by an update guarded on the state and attempt
 * it started from: two instances, or a restart, never send one try twice. A try cut off by a
 * crash after its POST may have reached the receiver; it is retried, and the receiver tells the
 * repeat by `X-PB-Delivery`.
 */
@CommandHandler(SendWebhooks)
export class SendWebhooksHandler implements ICommandHandler<SendWebhooks, SendResult> {
  private readonly logger = new Logger('WebhookChannel');
  private readonly owner: string;
  private readonly urls: WebhookUrls;

  constructor(
    private readonly c: ChannelCollections,
    private readonly clock: Clock,
    private readonly config: NotificationsConfig,
  ) {
    this.owner = leaseOwner(config.INSTANCE_ID);
    const parsed = parseWebhookUrls(config.WEBHOOK_URLS);
    this.urls = 'urls' in parsed ? parsed.urls : {};
  }

  async execute(): Promise<SendResult> {
    const result: SendResult = { delivered: 0, failed: 0, dead: 0, skipped: 0 };
    const due = await this.c.deliveries
      .find({ state: 'PENDING', nextAttemptAt: { $lte: this.clock.now() } })
      .sort({ nextAttemptAt: 1, _id: 1 })
      .limit(BATCH)
      .toArray();
    for (let i = 0; i < due.length; i += IN_FLIGHT) {
      for (const outcome of await Promise.all(due.slice(i, i + IN_FLIGHT).map((d) => this.attempt(d)))) result[outcome]++;
    }
    if (due.length) {
      await this.c.claims.deleteMany({ at: { $lt: new Date(this.clock.now().getTime() - 7 * 24 * 3600_000) } }).catch(() => undefined);
    }
    webhookDead.set(await this.c.deliveries.countDocuments({ state: 'DEAD' }));
    if (result.delivered + result.failed + result.dead > 0) this.logger.log(`webhook: ${result.delivered} delivered, ${result.failed} to retry, ${result.dead} dead-lettered`);
    return result;
  }

  private async attempt(d: Delivery): Promise<keyof SendResult> {
    const attempt = d.attempts + 1;
    const claimId = `${d._id}#${d.round}.${attempt}`;
    try {
      await this.c.claims.insertOne({ _id: claimId, owner: this.owner, at: this.clock.now() });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return this.recoverCutOff(d, claimId);
    }
    // The claim is ours; the delivery must still be where this run found it (not re-queued or finished meanwhile).
    const current = await this.c.deliveries.findOne({ _id: d._id });
    if (!current || current.state !== 'PENDING' || current.attempts !== d.attempts || current.round !== d.round) return 'skipped';
    const notification = (await this.c.notifications.findOne({ _id: d.notificationId })) as NotificationRecord | null;
    // The district's URL as configured now (a URL corrected after dead letters serves their retry), else the one queued with.
    const url = webhookUrlFor(this.urls, d.districtId) ?? d.url;
    const outcome: Outcome = notification ? await this.post(d, url, notification) : { ok: false, error: 'notification missing' };
    return this.record(d, outcome, url);
  }

  /** The try is claimed by another: in progress, or cut off by a crash if it is stale. */
  private async recoverCutOff(d: Delivery, claimId: string): Promise<keyof SendResult> {
    const claim = await this.c.claims.findOne({ _id: claimId });
    const staleBefore = this.clock.now().getTime() - this.config.WEBHOOK_TIMEOUT_MS - STALE_AFTER_TIMEOUT_MS;
    if (!claim || claim.at.getTime() > staleBefore) return 'skipped';
    return this.record(d, { ok: false, error: 'interrupted' });
  }

  /** The try's outcome, written only if the delivery is still at the try this run made. */
  private async record(d: Delivery, outcome: Outcome, url = d.url): Promise<keyof SendResult> {
    const now = this.clock.now();
    const attempts = d.attempts + 1;
    const guard = { _id: d._id, state: 'PENDING' as const, round: d.round, attempts: d.attempts };
    let kind: keyof SendResult;
    let set: Partial<Delivery>;
    if (outcome.ok) {
      kind = 'delivered';
      set = { state: 'DELIVERED', attempts, url, deliveredAt: now, nextAttemptAt: null, lastError: null, updatedAt: now };
    } else if (attempts >= this.config.WEBHOOK_MAX_ATTEMPTS) {
      kind = 'dead';
      set = { state: 'DEAD', attempts, url, deadAt: now, nextAttemptAt: null, lastError: outcome.error, updatedAt: now };
    } else {
      kind = 'failed';
      const wait = retryDelayMs(attempts, this.config.WEBHOOK_RETRY_INITIAL_MS, this.config.WEBHOOK_RETRY_MAX_MS);
      set = { attempts, url, nextAttemptAt: new Date(now.getTime() + wait), lastError: outcome.error, updatedAt: now };
    }
    const { modifiedCount } = await this.c.deliveries.updateOne(guard, { $set: set });
    if (modifiedCount === 0) return 'skipped';
    webhookTries.inc({ outcome: kind });
    if (kind === 'dead')
      this.logger.warn({ deliveryId: d._id, rule: d.rule, districtId: d.districtId, attempts, lastError: outcome.ok ? null : outcome.error }, 'webhook delivery dead-lettered');
    return kind;
  }

  /** One POST, signed; its outcome by status alone (the answer's body is neither read into memory nor logged). */
  private async post(d: Delivery, url: string, n: NotificationRecord): Promise<Outcome> {
    const payload: WebhookPayload = {
      id: d._id,
      notificationId: n._id,
      userId: d.userId,
      audience: n.audience,
      kind: n.kind,
      rule: n.rule,
      title: n.title,
      body: n.body,
      link: n.link ?? null,
      at: n.at,
    };
    const raw = JSON.stringify(payload);
    const timestamp = String(Math.floor(this.clock.now().getTime() / 1000));
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'pb-notifications-webhook/1',
          'x-pb-delivery': d._id,
          'x-pb-timestamp': timestamp,
          'x-pb-signature': webhookSignature(this.config.WEBHOOK_SECRET ?? '', timestamp, raw),
        },
        body: raw,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS),
      });
      await res.body?.cancel().catch(() => undefined);
      return res.status >= 200 && res.status < 300 ? { ok: true } : { ok: false, error: `HTTP ${res.status}` };
    } catch (error) {
      return { ok: false, error: (error as Error).name === 'TimeoutError' ? 'timeout' : 'network' };
    }
  }
}
