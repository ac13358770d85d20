import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { JurisdictionRegistered } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideJurisdictionRegistration, Jurisdiction, JurisdictionRequest } from '../../domain/jurisdiction/jurisdiction';
import { Jurisdictions } from '../../infrastructure/aggregates';

export class RegisterJurisdiction {
  constructor(
    readonly request: JurisdictionRequest,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RegisterJurisdiction)
export class RegisterJurisdictionHandler implements ICommandHandler<RegisterJurisdiction, Jurisdiction> {
  constructor(@InjectAggregate(Jurisdictions) private readonly jurisdictions: AggregateRepository<Jurisdiction>) {}

  async execute({ request, context }: RegisterJurisdiction): Promise<Jurisdiction> {
    const parent = request.parentId ? (await this.jurisdictions.load(request.parentId)).state : null;
    const { state } = await this.jurisdictions.decideAndSave(
      request.jurisdictionId,
      (loaded) => ({ definition: JurisdictionRegistered, data: decideJurisdictionRegistration(loaded.state, parent, request) }),
      context,
    );
    return state;
  }
}
