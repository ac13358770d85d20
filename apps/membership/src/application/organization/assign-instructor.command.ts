import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { InstructorAssigned } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import type { Instructor } from '../../domain/instructor/instructor';
import { chinaDate } from '../../domain/organization/common';
import { decideInstructorAssignment, Organization } from '../../domain/organization/organization';
import { Instructors, Organizations } from '../../infrastructure/aggregates';
import { IsCalendarDate, IsId } from '../shared/common.dto';

/** 选派党建指导员 */
export class AssignInstructor {
  constructor(
    readonly organizationId: string,
    readonly instructorId: string,
    /** Optional: the registration names the instructor; a name sent along must be that one. */
    readonly name: string | undefined,
    readonly assignedOn: string | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(AssignInstructor)
export class AssignInstructorHandler implements ICommandHandler<AssignInstructor, Organization> {
  constructor(
    @InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>,
    @InjectAggregate(Instructors) private readonly instructors: AggregateRepository<Instructor>,
    private readonly clock: Clock,
  ) {}

  async execute(c: AssignInstructor): Promise<Organization> {
    const on = c.assignedOn ?? chinaDate(this.clock.now());
    const registration = (await this.instructors.load(c.instructorId)).state;
    const { state } = await this.organizations.decideAndSave(
      c.organizationId,
      (loaded) => ({ definition: InstructorAssigned, data: decideInstructorAssignment(loaded.state, c.organizationId, c.instructorId, registration, on, c.name) }),
      c.context,
    );
    return state;
  }
}

export class AssignInstructorDto {
  @ApiProperty({ description: '党建指导员编号（须已登记，且在该组织所在区县工作）', example: 'ins-fuqiao-01' })
  @IsId()
  instructorId!: string;

  @ApiPropertyOptional({ description: '党建指导员姓名；可不填（取登记的姓名），填写时须与登记的一致', example: '李文华' })
  @IsOptional()
  @IsString({ message: 'name 须为文字' })
  @Length(1, 50, { message: 'name 长度须在 1 到 50 之间' })
  name?: string;

  @ApiPropertyOptional({ description: '选派日期（默认今天）' })
  @IsOptional()
  @IsCalendarDate()
  assignedOn?: string;
}
