import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import type { Alliance } from '../../domain/alliance/alliance';
import { Alliances } from '../../infrastructure/aggregates';
import { AllianceView } from './alliance-view';

export class GetAlliance {
  constructor(readonly allianceId: string) {}
}

@QueryHandler(GetAlliance)
export class GetAllianceHandler implements IQueryHandler<GetAlliance, AllianceView | null> {
  constructor(@InjectSnapshots(Alliances) private readonly alliances: Model<Snapshot<Alliance>>) {}

  execute({ allianceId }: GetAlliance): Promise<AllianceView | null> {
    return this.alliances.findById(allianceId, { _id: 0, lastEventAt: 0 }).lean<AllianceView>().exec();
  }
}
