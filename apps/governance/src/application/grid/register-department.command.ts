import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DepartmentRegistered, DepartmentRegisteredData } from '@pb/contracts';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope } from '@pb/platform';
import { decideDepartment, Department } from '../../domain/grid/grid';
import { Departments } from '../../infrastructure/aggregates';
import { Caller } from '../caller';

/** 登记职能部门 (工商/市场监管, 城管, 公安, 司法, 住建 …) that cases are dispatched to. */
export class RegisterDepartment {
  constructor(
    readonly request: DepartmentRegisteredData,
    readonly caller: Caller,
  ) {}
}

@CommandHandler(RegisterDepartment)
export class RegisterDepartmentHandler implements ICommandHandler<RegisterDepartment, Department> {
  constructor(@InjectAggregate(Departments) private readonly departments: AggregateRepository<Department>) {}

  async execute({ request, caller }: RegisterDepartment): Promise<Department> {
    assertInScope(caller.actor, request, '该部门所属辖区');
    const { state } = await this.departments.decideAndSave(
      request.departmentId,
      (loaded) => ({ definition: DepartmentRegistered, data: decideDepartment(loaded.state, request) }),
      caller.context,
    );
    return state;
  }
}
