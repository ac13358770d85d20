import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AllianceFormed } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { Alliance, decideAllianceFormation } from '../../domain/alliance/alliance';
import { chinaDate } from '../../domain/organization/common';
import { AllianceRepository } from '../../infrastructure/alliance/alliance.repository';
import { JurisdictionRepository } from '../../infrastructure/jurisdiction/jurisdiction.repository';
import { OrganizationRepository } from '../../infrastructure/organization/organization.repository';

/** 成立党建联盟 */
export class FormAlliance {
  constructor(
    readonly request: { allianceId: string; name: string; foundingCommitteeId: string; zoneId: string | null; formedOn?: string },
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(FormAlliance)
export class FormAllianceHandler implements ICommandHandler<FormAlliance, Alliance> {
  constructor(
    private readonly alliances: AllianceRepository,
    private readonly organizations: OrganizationRepository,
    private readonly jurisdictions: JurisdictionRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ request, context }: FormAlliance): Promise<Alliance> {
    const loaded = await this.alliances.load(request.allianceId);
    const [founder, zone] = await Promise.all([
      this.organizations.load(request.foundingCommitteeId).then((l) => l.state),
      request.zoneId ? this.jurisdictions.load(request.zoneId).then((l) => l.state) : null,
    ]);
    const data = decideAllianceFormation(loaded.state, founder, zone, { ...request, formedOn: request.formedOn ?? chinaDate(this.clock.now()) });
    const { state } = await this.alliances.save(loaded, { definition: AllianceFormed, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId ?? '' } }, context);
    return state;
  }
}
