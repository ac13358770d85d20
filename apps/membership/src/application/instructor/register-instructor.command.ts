import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { InstructorRegistered, InstructorRegisteredData } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideInstructorRegistration, Instructor } from '../../domain/instructor/instructor';
import type { Jurisdiction } from '../../domain/jurisdiction/jurisdiction';
import type { Member } from '../../domain/member/member';
import { Instructors, Jurisdictions, Members } from '../../infrastructure/aggregates';
import { IsId } from '../shared/common.dto';

/** 登记党建指导员 */
export class RegisterInstructor {
  constructor(
    readonly request: InstructorRegisteredData,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RegisterInstructor)
export class RegisterInstructorHandler implements ICommandHandler<RegisterInstructor, Instructor> {
  constructor(
    @InjectAggregate(Instructors) private readonly instructors: AggregateRepository<Instructor>,
    @InjectAggregate(Jurisdictions) private readonly jurisdictions: AggregateRepository<Jurisdiction>,
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
  ) {}

  async execute({ request, context }: RegisterInstructor): Promise<Instructor> {
    const [district, subDistrict, memberFound] = await Promise.all([
      this.jurisdictions.load(request.districtId).then((l) => l.state),
      request.subDistrictId ? this.jurisdictions.load(request.subDistrictId).then((l) => l.state) : null,
      request.memberId ? this.members.statesOf([request.memberId]).then((found) => found.length > 0) : false,
    ]);
    const { state } = await this.instructors.decideAndSave(
      request.instructorId,
      (loaded) => ({ definition: InstructorRegistered, data: decideInstructorRegistration(loaded.state, request, { district, subDistrict, memberFound }) }),
      context,
    );
    return state;
  }
}

export class RegisterInstructorDto {
  @ApiPropertyOptional({ description: '党建指导员编号；不填则自动生成', example: 'ins-fuqiao-01' })
  @IsOptional()
  @IsId()
  instructorId?: string;

  @ApiProperty({ description: '姓名', example: '李文华' })
  @IsString({ message: 'name 须为文字' })
  @Length(1, 50, { message: 'name 长度须在 1 到 50 之间' })
  name!: string;

  @ApiProperty({ description: '派出单位', example: '任城区委组织部' })
  @IsString({ message: 'sendingUnit 须为文字' })
  @Length(1, 100, { message: 'sendingUnit 长度须在 1 到 100 之间' })
  sendingUnit!: string;

  @ApiProperty({ description: '工作所在区县', example: 'rencheng' })
  @IsId()
  districtId!: string;

  @ApiPropertyOptional({ description: '工作所在街道（只在一个街道工作时填写）', nullable: true, example: 'fuqiao' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsId()
  subDistrictId?: string | null;

  @ApiPropertyOptional({ description: '本人的党员编号（是本平台登记的党员时）', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsId()
  memberId?: string | null;
}
