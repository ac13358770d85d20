import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Context, CONTEXT_TOPICS, EventEnvelope } from '@pb/contracts';
import { SourceReach } from '../queries/source-availability';
import { SOURCE_FRESHNESS, SourceFreshness } from '../../infrastructure/read-models/source-freshness';

const FLUSH_MS = 200;

/** 数据来源时效: one source context on a dashboard. */
export interface SourceStatus extends SourceReach {
  /** The newest event of the source the read models have applied; null until one arrives. */
  lastEventAt: string | null;
  /** The threshold `stale` is judged by (SOURCE_STALE_AFTER_SECONDS). */
  staleAfterSeconds: number;
}

/**
 * Per source context, the time of the newest event applied. Written at most
 * every FLUSH_MS (a replay would otherwise add a write per event); `$max`
 * keeps the newest whatever order events arrive in.
 */
@Injectable()
export class Freshness implements OnModuleDestroy {
  private readonly pending = new Map<string, Date>();
  private timer?: NodeJS.Timeout;

  constructor(@InjectModel(SOURCE_FRESHNESS) private readonly model: Model<SourceFreshness>) {}

  saw(event: EventEnvelope): void {
    const context = event.source.split('/').pop()!;
    const time = new Date(event.time);
    const known = this.pending.get(context);
    if (!known || known < time) this.pending.set(context, time);
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  async flush(): Promise<void> {
    this.timer = undefined;
    const batch = [...this.pending.entries()];
    this.pending.clear();
    await Promise.all(batch.map(([context, time]) => this.model.updateOne({ _id: context }, { $max: { lastEventTime: time } }, { upsert: true }).exec())).catch(() =>
      batch.forEach(([c, t]) => this.pending.set(c, t)),
    );
  }

  /** Every source context, null until its first event arrives. */
  async all(): Promise<Record<Context, string | null>> {
    const docs = await this.model.find().lean<SourceFreshness[]>().exec();
    const known = new Map(docs.map((d) => [d._id, new Date(d.lastEventTime).toISOString()]));
    return Object.fromEntries((Object.keys(CONTEXT_TOPICS) as Context[]).map((c) => [c, known.get(c) ?? null])) as Record<Context, string | null>;
  }

  /**
   * Each source as the dashboards report it: the newest event applied (`all()`), and whether its
   * service answers (SourceAvailability). Stale: the figures from it may lack what it has recorded since.
   */
  sources(times: Record<Context, string | null>, reach: Record<Context, SourceReach>, staleAfterSeconds: number): Record<Context, SourceStatus> {
    return Object.fromEntries((Object.keys(times) as Context[]).map((c) => [c, { lastEventAt: times[c], ...reach[c], staleAfterSeconds }])) as Record<Context, SourceStatus>;
  }

  async onModuleDestroy(): Promise<void> {
    clearTimeout(this.timer);
    await this.flush();
  }
}
