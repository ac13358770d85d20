import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { CASE_KINDS, CASE_PRIORITIES, CASE_SOURCES, CaseKind, CasePriority, CaseReported, CaseSource } from '@pb/contracts';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope, Clock, MultiLineText } from '@pb/platform';
import { Case, decideReport, ReportRequest } from '../../domain/case/case';
import { DeadlinePolicy, policyIdOf, timeLimitHours } from '../../domain/case/deadline-policy';
import type { Grid, GridWorker } from '../../domain/grid/grid';
import { Cases, DeadlinePolicies, Grids, GridWorkers } from '../../infrastructure/aggregates';
import { Caller } from '../shared/caller';
import { ID_MESSAGE, ID_PATTERN, lengthMessage, oneOf } from '../shared/common.dto';

/** 案件上报: by a grid worker, or on behalf of a resident or merchant. */
export class ReportCase {
  constructor(
    readonly request: ReportRequest,
    readonly caller: Caller,
  ) {}
}

@CommandHandler(ReportCase)
export class ReportCaseHandler implements ICommandHandler<ReportCase, Case & { version: number }> {
  constructor(
    @InjectAggregate(Cases) private readonly cases: AggregateRepository<Case>,
    @InjectAggregate(Grids) private readonly grids: AggregateRepository<Grid>,
    @InjectAggregate(GridWorkers) private readonly workers: AggregateRepository<GridWorker>,
    @InjectAggregate(DeadlinePolicies) private readonly policies: AggregateRepository<DeadlinePolicy>,
    private readonly clock: Clock,
  ) {}

  async execute({ request, caller }: ReportCase): Promise<Case & { version: number }> {
    const grid = (await this.grids.load(request.gridId)).state;
    if (grid) assertInScope(caller.actor, grid, '该网格');
    const worker = request.workerId ? (await this.workers.load(request.workerId)).state : null;
    const policy = grid ? (await this.policies.load(policyIdOf(grid.districtId))).state : null;
    const limit = timeLimitHours(policy, request.kind, request.priority);
    const { state, version } = await this.cases.decideAndSave(
      request.caseId,
      (loaded) => ({ definition: CaseReported, data: decideReport(loaded.state, request, { grid, worker, timeLimitHours: limit, now: this.clock.now() }) }),
      caller.context,
    );
    return { ...state, version };
  }
}

export class ReportCaseDto {
  @ApiPropertyOptional({ description: '案件编号；不填则自动生成' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  caseId?: string;

  @ApiProperty({ enum: CASE_KINDS, description: '类别：社情民意、民生服务、矛盾纠纷' })
  @IsIn(CASE_KINDS, oneOf('kind', CASE_KINDS))
  kind!: CaseKind;

  @ApiPropertyOptional({ enum: CASE_PRIORITIES, description: '紧急程度，默认 NORMAL' })
  @IsOptional()
  @IsIn(CASE_PRIORITIES, oneOf('priority', CASE_PRIORITIES))
  priority?: CasePriority;

  @ApiProperty({ description: '标题' })
  @IsString({ message: 'title 须为字符串' })
  @Length(1, 100, lengthMessage('title', 1, 100))
  title!: string;

  @MultiLineText()
  @ApiProperty({ description: '情况描述' })
  @IsString({ message: 'description 须为字符串' })
  @Length(1, 2000, lengthMessage('description', 1, 2000))
  description!: string;

  @ApiPropertyOptional({ enum: CASE_SOURCES, description: '来源：网格员自行发现，或代居民、商户上报；默认 GRID_WORKER' })
  @IsOptional()
  @IsIn(CASE_SOURCES, oneOf('source', CASE_SOURCES))
  source?: CaseSource;

  @ApiPropertyOptional({ description: '诉求人称呼（个人信息；不要填写电话和身份证号）', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'requesterName 须为字符串' })
  @Length(1, 50, lengthMessage('requesterName', 1, 50))
  requesterName?: string | null;

  @ApiProperty({ description: '所在网格编号' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  gridId!: string;

  @ApiPropertyOptional({ description: '负责的网格员编号；网格员上报时为其本人' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  workerId?: string;
}
