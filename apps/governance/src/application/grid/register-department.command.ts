import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DepartmentRegistered, DepartmentRegisteredData } from '@pb/contracts';
import { assertInScope } from '@pb/platform';
import { decideDepartment, Department } from '../../domain/grid/grid';
import { DepartmentRepository } from '../../infrastructure/repositories';
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
  constructor(private readonly departments: DepartmentRepository) {}

  async execute({ request, caller }: RegisterDepartment): Promise<Department> {
    assertInScope(caller.actor, request, '该部门所属辖区');
    const loaded = await this.departments.load(request.departmentId);
    const data = decideDepartment(loaded.state, request);
    const { state } = await this.departments.save(loaded, { definition: DepartmentRegistered, data, jurisdiction: { districtId: data.districtId, zoneId: '' } }, caller.context);
    return state;
  }
}
