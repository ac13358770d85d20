import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ORGANIZATION_LIFE_KINDS, OrganizationLifeOverdue } from '@pb/contracts';
import { AggregateRepository, CommandContext, ConcurrencyConflictError, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { decideOverdue, findingId, lastEndedUnit } from '../../domain/compliance/organization-life';
import { Finding, Findings } from '../../infrastructure/aggregates';
import { OrganizationLifeData } from './organization-life-data';

/**
 * 组织生活逾期巡检: for every branch and 三会一课 kind, look at the last month or quarter that has
 * ended (by the Clock) and raise OrganizationLifeOverdue when nothing was held. Each finding is
 * its own aggregate with a deterministic id (branch, kind, period) written at version 1, so a
 * repeated or concurrent sweep raises each finding exactly once.
 */
export class SweepOverdueOrganizationLife {
  constructor(
    readonly filter: Record<string, string>,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(SweepOverdueOrganizationLife)
export class SweepOverdueOrganizationLifeHandler implements ICommandHandler<SweepOverdueOrganizationLife> {
  constructor(
    private readonly data: OrganizationLifeData,
    @InjectAggregate(Findings) private readonly findings: AggregateRepository<Finding>,
    private readonly clock: Clock,
  ) {}

  async execute({ filter, context }: SweepOverdueOrganizationLife): Promise<{ checked: number; raised: string[]; alreadyRaised: number }> {
    const now = this.clock.now();
    const branches = await this.data.branches(filter);
    const quarter = lastEndedUnit('BRANCH_ASSEMBLY', now);
    const month = lastEndedUnit('COMMITTEE_MEETING', now);
    const from = quarter.start < month.start ? quarter.start : month.start;
    const held = await this.data.heldSessions(
      branches.map((b) => b._id),
      from,
      month.end > quarter.end ? month.end : quarter.end,
    );
    const raised: string[] = [];
    let alreadyRaised = 0;
    for (const branch of branches) {
      for (const kind of ORGANIZATION_LIFE_KINDS) {
        const unit = lastEndedUnit(kind, now);
        const count = held.get(branch._id)![kind].filter((t) => t >= unit.start && t < unit.end).length;
        const finding = decideOverdue(branch._id, kind, unit, count, now, branch.registeredAt ? new Date(branch.registeredAt) : null);
        if (!finding) continue;
        const id = findingId(branch._id, kind, unit.key);
        const loaded = await this.findings.load(id);
        if (loaded.state) {
          alreadyRaised++;
          continue;
        }
        try {
          await this.findings.save(
            loaded,
            { definition: OrganizationLifeOverdue, data: finding, jurisdiction: { districtId: branch.districtId ?? '', zoneId: branch.zoneId ?? '' } },
            context,
          );
          raised.push(id);
        } catch (error) {
          if (!(error instanceof ConcurrencyConflictError)) throw error;
          alreadyRaised++;
        }
      }
    }
    return { checked: branches.length, raised, alreadyRaised };
  }
}
