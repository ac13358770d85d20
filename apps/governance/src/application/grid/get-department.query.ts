import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { Department } from '../../domain/grid/grid';
import { Departments } from '../../infrastructure/aggregates';
import { Doc, HIDDEN } from './grid-view';

export class GetDepartment {
  constructor(readonly departmentId: string) {}
}

@QueryHandler(GetDepartment)
export class GetDepartmentHandler implements IQueryHandler<GetDepartment> {
  constructor(@InjectSnapshots(Departments) private readonly departments: Model<Doc<Department>>) {}

  execute({ departmentId }: GetDepartment) {
    return this.departments.findById(departmentId, HIDDEN).lean<Doc<Department>>().exec();
  }
}
