import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import type { Jurisdiction } from '../../domain/jurisdiction/jurisdiction';
import { Jurisdictions } from '../../infrastructure/aggregates';
import { HIDDEN, JurisdictionView } from './jurisdiction-view';

export class GetJurisdiction {
  constructor(readonly jurisdictionId: string) {}
}

@QueryHandler(GetJurisdiction)
export class GetJurisdictionHandler implements IQueryHandler<GetJurisdiction, JurisdictionView | null> {
  constructor(@InjectSnapshots(Jurisdictions) private readonly jurisdictions: Model<Snapshot<Jurisdiction>>) {}

  execute({ jurisdictionId }: GetJurisdiction): Promise<JurisdictionView | null> {
    return this.jurisdictions.findById(jurisdictionId, HIDDEN).lean<JurisdictionView>().exec();
  }
}
