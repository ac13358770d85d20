import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { OrganizationTermEnding, OrganizationTermEndingData } from '@pb/contracts';
import { AggregateRepository, CommandContext, ConcurrencyConflictError, InjectAggregate, InjectSnapshots, Snapshot } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { addDays, chinaDate } from '../../domain/organization/common';
import { decideTermReminder, Organization, TERM_REMINDER_DAYS } from '../../domain/organization/organization';
import { Organizations } from '../../infrastructure/aggregates';
import type { PlaceFilter } from '../jurisdiction/jurisdiction-statistics';

/** Organizations looked at per sweep; `more` tells the scheduler to call again. */
export const SWEEP_BATCH = 200;

/**
 * 换届提醒 sweep: every organization in the filter whose term ends within 90 days
 * and has not been reminded this term gets one OrganizationTermEnding. Running
 * it again raises nothing new; two sweeps at once cannot remind twice either,
 * because the second append of the same version fails.
 */
export class SweepTermReminders {
  constructor(
    readonly filter: PlaceFilter,
    readonly context: CommandContext,
  ) {}
}

export interface SweepResult {
  today: string;
  reminded: OrganizationTermEndingData[];
  more: boolean;
}

@CommandHandler(SweepTermReminders)
export class SweepTermRemindersHandler implements ICommandHandler<SweepTermReminders, SweepResult> {
  constructor(
    @InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>,
    @InjectSnapshots(Organizations) private readonly snapshots: Model<Snapshot<Organization>>,
    private readonly clock: Clock,
  ) {}

  async execute({ filter, context }: SweepTermReminders): Promise<SweepResult> {
    const today = chinaDate(this.clock.now());
    const due = await this.snapshots
      .find({ ...filter, termReminded: false, termEnd: { $ne: null, $lte: addDays(today, TERM_REMINDER_DAYS) } }, { _id: 1 })
      .sort({ termEnd: 1, _id: 1 })
      .limit(SWEEP_BATCH + 1)
      .lean<{ _id: string }[]>()
      .exec();
    const more = due.length > SWEEP_BATCH;
    const reminded: OrganizationTermEndingData[] = [];
    for (const { _id } of due.slice(0, SWEEP_BATCH)) {
      const loaded = await this.organizations.load(_id);
      const data = loaded.state && decideTermReminder(loaded.state, today);
      if (!data) continue;
      try {
        await this.organizations.save(loaded, { definition: OrganizationTermEnding, data }, context);
        reminded.push(data);
      } catch (error) {
        // Someone changed the organization meanwhile; the next sweep looks again.
        if (!(error instanceof ConcurrencyConflictError)) throw error;
      }
    }
    return { today, reminded, more };
  }
}
