import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { Cases } from '../../infrastructure/aggregates';
import { CaseView } from './case-view';

export class GetCase {
  constructor(readonly caseId: string) {}
}

@QueryHandler(GetCase)
export class GetCaseHandler implements IQueryHandler<GetCase, CaseView | null> {
  constructor(@InjectSnapshots(Cases) private readonly cases: Model<CaseView & { _id: string }>) {}

  execute({ caseId }: GetCase): Promise<CaseView | null> {
    return this.cases.findById(caseId, { _id: 0, lastEventAt: 0 }).lean<CaseView>().exec();
  }
}
