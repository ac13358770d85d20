import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { assertValidPayload, EventEnvelope, MemberRegistered, MemberRegisteredData } from '@pb/contracts';
import { buildEnvelope, CommandContext, OutboxRelay, STORED_EVENT_MODEL, StoredEvent, storedEventOf } from '@pb/messaging';
import { eventsStored } from '@pb/platform';
import { evolveMember } from '../../domain/member/member';
import { MEMBER_SNAPSHOT, MemberSnapshot } from '../member/member.snapshot';
import { insertManyTolerant } from '@pb/platform/insert-many';

/**
 * The bulk import's write path: the MemberRegistered events of many new members
 * in one insertMany, and their snapshots in another. Each event is still one
 * document, the first of its own aggregate's stream, guarded by the unique
 * (aggregateId, version) index exactly as EventStore.append guards it; only
 * the round trips are shared. A database that pays a transaction per write
 * (FerretDB on SQLite) registers hundreds of members in the time of a few.
 * The envelope is built as EventStore.append builds it.
 */
@Injectable()
export class BulkMemberRegistrations {
  private readonly logger = new Logger('BulkMemberRegistrations');

  constructor(
    @InjectModel(STORED_EVENT_MODEL) private readonly events: Model<StoredEvent>,
    @InjectModel(MEMBER_SNAPSHOT) private readonly snapshots: Model<MemberSnapshot>,
    @Optional() @Inject(OutboxRelay) private readonly relay: OutboxRelay | null,
  ) {}

  /** Stores the events; returns the member ids whose event was stored (the others already had a stream). */
  async append(items: MemberRegisteredData[], command: CommandContext): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const now = new Date();
    const envelopes = items.map((data) => {
      assertValidPayload(MemberRegistered.type, data);
      return buildEnvelope(
        'membership',
        data.memberId,
        1,
        { definition: MemberRegistered, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId ?? '' } },
        command,
        now,
      );
    });
    const failed = await insertManyTolerant(
      this.events.collection,
      envelopes.map((envelope) => storedEventOf(envelope, now)) as never[],
    );
    const stored = envelopes.filter((_, i) => !failed.has(i));
    eventsStored.inc({ type: MemberRegistered.type }, stored.length);
    this.relay?.nudge();
    // Snapshots of brand-new aggregates; one that fails is healed by the relay's catch-up before publishing.
    await insertManyTolerant(
      this.snapshots.collection,
      stored.map((e) => ({ _id: e.subject, ...evolveMember(null, e as unknown as EventEnvelope), version: 1, lastEventAt: now })) as never[],
    ).catch((error: Error) => this.logger.warn(`snapshots of ${stored.length} imported members left to the relay's catch-up: ${error.message}`));
    return new Set(stored.map((e) => e.subject));
  }
}
