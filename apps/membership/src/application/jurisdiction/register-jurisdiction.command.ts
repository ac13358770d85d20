import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { JurisdictionRegistered } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { decideJurisdictionRegistration, Jurisdiction, JurisdictionRequest } from '../../domain/jurisdiction/jurisdiction';
import { JurisdictionRepository } from '../../infrastructure/jurisdiction/jurisdiction.repository';

export class RegisterJurisdiction {
  constructor(
    readonly request: JurisdictionRequest,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RegisterJurisdiction)
export class RegisterJurisdictionHandler implements ICommandHandler<RegisterJurisdiction, Jurisdiction> {
  constructor(private readonly jurisdictions: JurisdictionRepository) {}

  async execute({ request, context }: RegisterJurisdiction): Promise<Jurisdiction> {
    const loaded = await this.jurisdictions.load(request.jurisdictionId);
    const parent = request.parentId ? (await this.jurisdictions.load(request.parentId)).state : null;
    const data = decideJurisdictionRegistration(loaded.state, parent, request);
    const { state } = await this.jurisdictions.save(
      loaded,
      { definition: JurisdictionRegistered, data, jurisdiction: { districtId: data.districtId ?? '', zoneId: data.zoneId ?? '' } },
      context,
    );
    return state;
  }
}
