import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AllianceMemberLeft } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { Alliance, decideLeave } from '../../domain/alliance/alliance';
import { chinaDate } from '../../domain/organization/common';
import { Alliances } from '../../infrastructure/aggregates';

/** 成员单位退出联盟 */
export class LeaveAlliance {
  constructor(
    readonly allianceId: string,
    readonly organizationId: string,
    readonly leftOn: string | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(LeaveAlliance)
export class LeaveAllianceHandler implements ICommandHandler<LeaveAlliance, Alliance> {
  constructor(
    @InjectAggregate(Alliances) private readonly alliances: AggregateRepository<Alliance>,
    private readonly clock: Clock,
  ) {}

  async execute(c: LeaveAlliance): Promise<Alliance> {
    const on = c.leftOn ?? chinaDate(this.clock.now());
    const { state } = await this.alliances.decideAndSave(
      c.allianceId,
      (loaded) => ({ definition: AllianceMemberLeft, data: decideLeave(loaded.state, c.allianceId, c.organizationId, on) }),
      c.context,
    );
    return state;
  }
}
