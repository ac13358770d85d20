import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventStore } from '@pb/messaging';

export interface TimelineEntry {
  version: number;
  /** The event's short name, e.g. CaseDispatched. */
  step: string;
  /** Who did it (user id; `system` for the sweep). */
  actorId: string;
  /** When it happened, by the domain clock. */
  at: string;
  recordedAt: string;
  details: Record<string, unknown>;
}

/** A case's full history, straight from its event stream. */
export class GetCaseTimeline {
  constructor(readonly caseId: string) {}
}

const PERSONAL_IN_TIMELINE = new Set(['requesterName']);

@QueryHandler(GetCaseTimeline)
export class GetCaseTimelineHandler implements IQueryHandler<GetCaseTimeline, TimelineEntry[]> {
  constructor(private readonly store: EventStore) {}

  async execute({ caseId }: GetCaseTimeline): Promise<TimelineEntry[]> {
    const events = await this.store.load(caseId, 0);
    return events.map((e) => {
      const { caseId: _, at, ...details } = e.data as Record<string, unknown> & { at: string };
      for (const key of PERSONAL_IN_TIMELINE) delete details[key];
      return { version: e.aggregateversion, step: e.type.split('.')[1], actorId: e.actorid, at, recordedAt: e.time, details };
    });
  }
}
