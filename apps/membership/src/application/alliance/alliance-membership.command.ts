import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AllianceMemberJoined, AllianceMemberLeft } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { Alliance, decideJoin, decideLeave } from '../../domain/alliance/alliance';
import { chinaDate } from '../../domain/organization/common';
import { AllianceRepository } from '../../infrastructure/alliance/alliance.repository';
import { OrganizationRepository } from '../../infrastructure/organization/organization.repository';
import { changeAlliance } from './alliance-change';

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
    private readonly alliances: AllianceRepository,
    private readonly organizations: OrganizationRepository,
    private readonly clock: Clock,
  ) {}

  async execute(c: JoinAlliance): Promise<Alliance> {
    const organization = (await this.organizations.load(c.organizationId)).state;
    const on = c.joinedOn ?? chinaDate(this.clock.now());
    return changeAlliance(this.alliances, c.allianceId, AllianceMemberJoined, (s) => decideJoin(s, c.allianceId, organization, c.organizationId, on), undefined, c.context);
  }
}

@CommandHandler(LeaveAlliance)
export class LeaveAllianceHandler implements ICommandHandler<LeaveAlliance, Alliance> {
  constructor(
    private readonly alliances: AllianceRepository,
    private readonly clock: Clock,
  ) {}

  execute(c: LeaveAlliance): Promise<Alliance> {
    const on = c.leftOn ?? chinaDate(this.clock.now());
    return changeAlliance(this.alliances, c.allianceId, AllianceMemberLeft, (s) => decideLeave(s, c.allianceId, c.organizationId, on), undefined, c.context);
  }
}
