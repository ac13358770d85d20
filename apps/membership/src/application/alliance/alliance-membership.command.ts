import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AllianceMemberJoined, AllianceMemberLeft } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { Alliance, decideJoin, decideLeave } from '../../domain/alliance/alliance';
import { chinaDate } from '../../domain/organization/common';
import type { Organization } from '../../domain/organization/organization';
import { Alliances, Organizations } from '../../infrastructure/aggregates';

/** 成员单位加入联盟 */
export class JoinAlliance {
  constructor(
    readonly allianceId: string,
    readonly organizationId: string,
    readonly joinedOn: string | undefined,
    readonly context: CommandContext,
  ) {}
}

/** 成员单位退出联盟 */
export class LeaveAlliance {
  constructor(
    readonly allianceId: string,
    readonly organizationId: string,
    readonly leftOn: string | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(JoinAlliance)
export class JoinAllianceHandler implements ICommandHandler<JoinAlliance, Alliance> {
  constructor(
    @InjectAggregate(Alliances) private readonly alliances: AggregateRepository<Alliance>,
    @InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>,
    private readonly clock: Clock,
  ) {}

  async execute(c: JoinAlliance): Promise<Alliance> {
    const organization = (await this.organizations.load(c.organizationId)).state;
    const on = c.joinedOn ?? chinaDate(this.clock.now());
    const { state } = await this.alliances.decideAndSave(
      c.allianceId,
      (loaded) => ({ definition: AllianceMemberJoined, data: decideJoin(loaded.state, c.allianceId, organization, c.organizationId, on) }),
      c.context,
    );
    return state;
  }
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
