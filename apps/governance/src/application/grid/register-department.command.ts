import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { DEPARTMENT_KINDS, DepartmentKind, DepartmentRegistered, DepartmentRegisteredData } from '@pb/contracts';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope } from '@pb/platform';
import { decideDepartment, Department } from '../../domain/grid/grid';
import { Departments } from '../../infrastructure/aggregates';
import { Caller } from '../shared/caller';
import { ID_MESSAGE, ID_PATTERN, lengthMessage, oneOf, OptionalId } from '../shared/common.dto';

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

export class RegisterDepartmentDto {
  @ApiPropertyOptional({ description: '部门编号；不填则自动生成' }) @OptionalId() departmentId?: string;
  @ApiProperty({ description: '部门名称' }) @IsString({ message: 'name 须为字符串' }) @Length(1, 100, lengthMessage('name', 1, 100)) name!: string;
  @ApiProperty({ enum: DEPARTMENT_KINDS }) @IsIn(DEPARTMENT_KINDS, oneOf('kind', DEPARTMENT_KINDS)) kind!: DepartmentKind;
  @ApiProperty({ description: '区县编号' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) districtId!: string;
  @ApiPropertyOptional({ description: '街道编号（街道级部门）', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  subDistrictId?: string | null;
}
