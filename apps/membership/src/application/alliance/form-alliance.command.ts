import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AllianceFormed } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { Alliance, decideAllianceFormation } from '../../domain/alliance/alliance';
import type { Jurisdiction } from '../../domain/jurisdiction/jurisdiction';
import { chinaDate } from '../../domain/organization/common';
import type { Organization } from '../../domain/organization/organization';
import { Alliances, Jurisdictions, Organizations } from '../../infrastructure/aggregates';

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
    @InjectAggregate(Alliances) private readonly alliances: AggregateRepository<Alliance>,
    @InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>,
    @InjectAggregate(Jurisdictions) private readonly jurisdictions: AggregateRepository<Jurisdiction>,
    private readonly clock: Clock,
  ) {}

  async execute({ request, context }: FormAlliance): Promise<Alliance> {
    const [founder, zone] = await Promise.all([
      this.organizations.load(request.foundingCommitteeId).then((l) => l.state),
      request.zoneId ? this.jurisdictions.load(request.zoneId).then((l) => l.state) : null,
    ]);
    const formedOn = request.formedOn ?? chinaDate(this.clock.now());
    const { state } = await this.alliances.decideAndSave(
      request.allianceId,
      (loaded) => ({ definition: AllianceFormed, data: decideAllianceFormation(loaded.state, founder, zone, { ...request, formedOn }) }),
      context,
    );
    return state;
  }
}
