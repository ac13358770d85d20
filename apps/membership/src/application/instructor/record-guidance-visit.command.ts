import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { GuidanceVisitRecorded } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock, MultiLineText } from '@pb/platform';
import { decideGuidanceVisit, GuidanceVisit, GuidanceVisitRequest } from '../../domain/instructor/guidance-visit';
import type { Instructor } from '../../domain/instructor/instructor';
import { chinaDate } from '../../domain/organization/common';
import type { Organization } from '../../domain/organization/organization';
import { GuidanceVisits, Instructors, Organizations } from '../../infrastructure/aggregates';
import { IsCalendarDate, IsId } from '../shared/common.dto';

/** 登记指导记录 */
export class RecordGuidanceVisit {
  constructor(
    readonly instructorId: string,
    readonly request: GuidanceVisitRequest,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RecordGuidanceVisit)
export class RecordGuidanceVisitHandler implements ICommandHandler<RecordGuidanceVisit, GuidanceVisit> {
  constructor(
    @InjectAggregate(GuidanceVisits) private readonly visits: AggregateRepository<GuidanceVisit>,
    @InjectAggregate(Instructors) private readonly instructors: AggregateRepository<Instructor>,
    @InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>,
    private readonly clock: Clock,
  ) {}

  async execute({ instructorId, request, context }: RecordGuidanceVisit): Promise<GuidanceVisit> {
    const [instructor, organization] = await Promise.all([
      this.instructors.load(instructorId).then((l) => l.state),
      this.organizations.load(request.organizationId).then((l) => l.state),
    ]);
    const today = chinaDate(this.clock.now());
    const { state } = await this.visits.decideAndSave(
      request.visitId,
      (loaded) => ({ definition: GuidanceVisitRecorded, data: decideGuidanceVisit(loaded.state, instructor, instructorId, organization, request, today) }),
      context,
    );
    return state;
  }
}

export class RecordGuidanceVisitDto {
  @ApiPropertyOptional({ description: '指导记录编号；不填则自动生成（重复提交同一编号返回 409）' })
  @IsOptional()
  @IsId()
  visitId?: string;

  @ApiProperty({ description: '所指导的党组织编号（须是该指导员目前选派到的组织）' })
  @IsId()
  organizationId!: string;

  @ApiProperty({ description: '指导日期（不晚于今天）', example: '2025-04-10' })
  @IsCalendarDate()
  visitedOn!: string;

  @ApiProperty({ description: '指导内容', example: '指导支部完善“三会一课”记录。' })
  @IsString({ message: 'summary 须为文字' })
  @Length(1, 2000, { message: 'summary 长度须在 1 到 2000 之间' })
  @MultiLineText()
  summary!: string;
}
