import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { Mediation } from '../../domain/mediation/mediation';
import { Mediations } from '../../infrastructure/aggregates';
import { JurisdictionFilterDto, OptionalId } from '../shared/common.dto';

export class FindMediations {
  constructor(readonly filter: Record<string, string | undefined>) {}
}

@QueryHandler(FindMediations)
export class FindMediationsHandler implements IQueryHandler<FindMediations> {
  constructor(@InjectSnapshots(Mediations) private readonly mediations: Model<Mediation & { _id: string }>) {}

  execute({ filter }: FindMediations) {
    const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
    return this.mediations.find(query, { _id: 0, lastEventAt: 0 }).sort({ _id: 1 }).limit(200).lean().exec();
  }
}

export class MediationFilterDto extends JurisdictionFilterDto {
  @OptionalId() caseId?: string;
}
