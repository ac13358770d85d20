import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Context, CONTEXT_TOPICS } from '@pb/contracts';
import { GatewayConfig } from '../../gateway.config';

/** The longest wait between two probes, and for one probe's answer. */
const MAX_PROBE_EVERY_MS = 5000;
const PROBE_TIMEOUT_MS = 2000;

/** Whether the gateway can reach a source's service now, and when it last did. */
export interface SourceReach {
  reachable: boolean;
  lastReachedAt: string | null;
  stale: boolean;
}

/**
 * 数据来源可达性: probes each service's `/health/ready` in the background, so a dashboard never
 * waits on a service (it answers from the read models) yet can say which source has gone quiet.
 * A source is stale once its service has not answered for SOURCE_STALE_AFTER_SECONDS (counted
 * from the gateway's start, so a gateway that has just started reports nothing stale).
 */
@Injectable()
export class SourceAvailability implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly urls: Record<Context, string>;
  private readonly staleAfterMs: number;
  private readonly since: number;
  private readonly reachable = new Map<Context, boolean>();
  private readonly lastReached = new Map<Context, number>();
  private timer?: ReturnType<typeof setInterval>;

  constructor(@Inject(GatewayConfig) config: GatewayConfig) {
    this.urls = { membership: config.MEMBERSHIP_URL, activities: config.ACTIVITIES_URL, governance: config.GOVERNANCE_URL, enterprise: config.ENTERPRISE_URL };
    this.staleAfterMs = config.SOURCE_STALE_AFTER_SECONDS * 1000;
    this.since = Date.now();
  }

  get staleAfterSeconds(): number {
    return this.staleAfterMs / 1000;
  }

  onApplicationBootstrap(): void {
    void this.probeAll();
    this.timer = setInterval(() => void this.probeAll(), Math.min(MAX_PROBE_EVERY_MS, Math.floor(this.staleAfterMs / 3)));
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Every source context's reach as last probed (wall-clock time: probes run in real time, whatever the gateway's Clock says). */
  all(): Record<Context, SourceReach> {
    const now = Date.now();
    return Object.fromEntries(
      (Object.keys(CONTEXT_TOPICS) as Context[]).map((c) => {
        const last = this.lastReached.get(c);
        return [c, { reachable: this.reachable.get(c) ?? false, lastReachedAt: last ? new Date(last).toISOString() : null, stale: now - (last ?? this.since) > this.staleAfterMs }];
      }),
    ) as Record<Context, SourceReach>;
  }

  async probeAll(): Promise<void> {
    await Promise.all((Object.keys(this.urls) as Context[]).map((c) => this.probe(c)));
  }

  private async probe(context: Context): Promise<void> {
    const ok = await fetch(`${this.urls[context]}/health/ready`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) }).then(
      async (res) => {
        await res.body?.cancel();
        return res.status === 200;
      },
      () => false,
    );
    this.reachable.set(context, ok);
    if (ok) this.lastReached.set(context, Date.now());
  }
}
