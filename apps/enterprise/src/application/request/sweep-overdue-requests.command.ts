import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { ServiceTarget } from '@pb/contracts';
import { CommandContext, InjectSnapshots, Snapshot } from '@pb/messaging';
import { Clock, DomainError } from '@pb/platform';
import type { ServiceRequest } from '../../domain/request/service-request';
import { ServiceRequests } from '../../infrastructure/aggregates';
import { EscalateServiceRequest } from './escalate-service-request.command';

export class SweepOverdueRequests {
  constructor(readonly context: CommandContext) {}
}

export interface SweepResult {
  escalated: { requestId: string; target: ServiceTarget }[];
  skipped: number;
}

/** Per sweep and target; a backlog larger than this is worked off by the next sweeps. */
const BATCH = 200;

/** Which unmet, not yet escalated target is past due, as a query on the snapshots. */
export function overdueTargetFilter(target: ServiceTarget, now: string): Record<string, unknown> {
  switch (target) {
    case 'FIRST_CONTACT':
      return { firstContactAt: null, firstContactDue: { $lt: now } };
    case 'INTERIM_REPLY':
      return { interimReplyAt: null, closedAt: null, interimReplyDue: { $lt: now } };
    case 'CLOSURE':
      return { closedAt: null, closureDue: { $lt: now } };
  }
}

/**
 * 超时巡检: finds requests that missed a target and escalates each target once,
 * one command (one aggregate, one event) per escalation. Safe to run twice at
 * once: the loser of a race gets a conflict, which counts as skipped.
 */
@CommandHandler(SweepOverdueRequests)
export class SweepOverdueRequestsHandler implements ICommandHandler<SweepOverdueRequests, SweepResult> {
  constructor(
    @InjectSnapshots(ServiceRequests) private readonly requests: Model<Snapshot<ServiceRequest>>,
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  async execute({ context }: SweepOverdueRequests): Promise<SweepResult> {
    const now = this.clock.now().toISOString();
    const result: SweepResult = { escalated: [], skipped: 0 };
    for (const target of ['FIRST_CONTACT', 'INTERIM_REPLY', 'CLOSURE'] as const) {
      const due = await this.requests
        .find({ ...overdueTargetFilter(target, now), escalated: { $nin: [target] } }, { _id: 1 })
        .sort({ submittedAt: 1 })
        .limit(BATCH)
        .lean<{ _id: string }[]>()
        .exec();
      for (const { _id } of due) {
        try {
          await this.commands.execute(new EscalateServiceRequest(_id, target, { ...context, causationId: context.correlationId }));
          result.escalated.push({ requestId: _id, target });
        } catch (error) {
          if (error instanceof DomainError || (error as Error).name === 'ConcurrencyConflictError') result.skipped++;
          else throw error;
        }
      }
    }
    return result;
  }
}
