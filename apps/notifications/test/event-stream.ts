import { assertValidEnvelope, type EventDefinition, type EventEnvelope } from '@pb/contracts';
import { envelopeOf } from '@pb/testing/event-factory';
import { evolveContext, type RecordContext } from '../src/domain/context';
import type { Decision } from '../src/domain/notification';
import { decideNotifications } from '../src/domain/rules';

/**
 * One aggregate's stream for the rule tests: each fact is a valid envelope (checked against the
 * contracts' schemas), decided against the context so far, then folded into it, as the service does.
 */
export class EventStream {
  private version = 0;
  context: RecordContext | null = null;
  readonly events: EventEnvelope[] = [];

  constructor(
    readonly aggregateId: string,
    private readonly where: { districtId: string; zoneId?: string } = { districtId: 'rencheng', zoneId: 'zone-taibailou' },
  ) {}

  apply<T>(definition: EventDefinition<T> & { type: string }, data: T, options: { actor?: string; time?: string } = {}): Decision {
    const event: EventEnvelope = {
      ...envelopeOf(definition, data, { aggregateId: this.aggregateId, version: ++this.version, districtId: this.where.districtId, zoneId: this.where.zoneId, time: options.time }),
      actorid: options.actor ?? 'user-admin',
    };
    assertValidEnvelope(event);
    this.events.push(event);
    return this.deliver(event);
  }

  /** Hands an event to the rules again (a redelivery or replay), as the service would. */
  deliver(event: EventEnvelope): Decision {
    const decision = decideNotifications(event, this.context);
    this.context = evolveContext(this.context, event);
    return decision;
  }
}

/** Who a decision tells, as `rule → audience` pairs. */
export const told = (decision: Decision) => decision.notify.map((d) => `${d.rule} → ${d.audience}`);
/** Which to-dos a decision closes, as `rule@record` (and `/audience` when only one audience's). */
export const closed = (decision: Decision) => decision.close.flatMap((c) => c.rules.map((r) => `${r}@${c.record.id}${c.audience ? `/${c.audience}` : ''}`));
