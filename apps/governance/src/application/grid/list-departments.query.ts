import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { Department } from '../../domain/grid/grid';
import { Departments } from '../../infrastructure/aggregates';
import { defined, Doc, HIDDEN, MAX_LIST } from './grid-view';

export class ListDepartments {
  constructor(readonly filter: { districtId?: string }) {}
}

@QueryHandler(ListDepartments)
export class ListDepartmentsHandler implements IQueryHandler<ListDepartments> {
  constructor(@InjectSnapshots(Departments) private readonly departments: Model<Doc<Department>>) {}

  execute({ filter }: ListDepartments) {
    return this.departments.find(defined(filter), HIDDEN).sort({ districtId: 1, name: 1 }).limit(MAX_LIST).lean<Doc<Department>[]>().exec();
  }
}
