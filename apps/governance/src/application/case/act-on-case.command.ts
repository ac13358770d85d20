import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import {
  ASSIGNEE_KINDS,
  AssigneeKind,
  CaseAccepted,
  CaseClosed,
  CaseDispatched,
  CaseHandled,
  CaseHeld,
  CaseMarkedDuplicate,
  CaseRated,
  CaseRejected,
  CaseResumed,
  CaseReturned,
  CaseReworkRequested,
  CaseVerified,
  EventDefinition,
} from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope, Clock, MultiLineText } from '@pb/platform';
import { assertMayReadCase, authorizeStep, Case, CaseDecision, CaseRequest, decideStep, requireCase, StepContext } from '../../domain/case/case';
import type { Department } from '../../domain/grid/grid';
import { Cases, Departments } from '../../infrastructure/aggregates';
import { Caller } from '../shared/caller';
import { ExpectedVersionDto, ID_MESSAGE, ID_PATTERN, lengthMessage, oneOf } from '../shared/common.dto';

const DEFINITIONS: Record<CaseDecision['event'], EventDefinition<never> & { type: string }> = {
  CaseAccepted,
  CaseRejected,
  CaseMarkedDuplicate,
  CaseDispatched,
  CaseReturned,
  CaseHandled,
  CaseVerified,
  CaseReworkRequested,
  CaseClosed,
  CaseRated,
  CaseHeld,
  CaseResumed,
} as never;

/**
 * One step of the case loop (accept, dispatch, handle, verify …). The steps
 * differ only in what they carry; whether a step may happen is the state
 * machine's table, so they share this handler.
 */
export class ActOnCase {
  constructor(
    readonly caseId: string,
    readonly request: CaseRequest,
    readonly expectedVersion: number | undefined,
    readonly caller: Caller,
  ) {}
}

@CommandHandler(ActOnCase)
export class ActOnCaseHandler implements ICommandHandler<ActOnCase, Case & { version: number }> {
  constructor(
    @InjectAggregate(Cases) private readonly cases: AggregateRepository<Case>,
    @InjectAggregate(Departments) private readonly departments: AggregateRepository<Department>,
    private readonly known: MembershipReference,
    private readonly clock: Clock,
  ) {}

  async execute({ caseId, request, expectedVersion, caller }: ActOnCase): Promise<Case & { version: number }> {
    // Whether the role may take this step at all, before anything is read.
    authorizeStep(caller.actor, request.action);
    const { state, version } = await this.cases.decideAndSave(
      caseId,
      async (loaded) => {
        const current = requireCase(loaded.state, caseId);
        assertInScope(caller.actor, current, '该案件');
        // Department staff learn nothing of another department's case, not even its state (a 409 would tell).
        assertMayReadCase(caller.actor, current);
        const decision = decideStep(current, request, await this.references(request, caller));
        return { definition: DEFINITIONS[decision.event], data: decision.data as never };
      },
      caller.context,
      { expectedVersion },
    );
    return { ...state, version };
  }

  private async references(request: CaseRequest, caller: Caller): Promise<StepContext> {
    const ctx: StepContext = { now: this.clock.now(), actor: caller.actor };
    if (request.action === 'markDuplicate') ctx.original = (await this.cases.load(request.duplicateOf)).state;
    if (request.action === 'dispatch') {
      ctx.assignee = request.assignee.kind === 'DEPARTMENT' ? (await this.departments.load(request.assignee.id)).state : await this.known.organization(request.assignee.id);
    }
    return ctx;
  }
}

export class ReasonDto extends ExpectedVersionDto {
  @MultiLineText()
  @ApiProperty({ description: '原因' })
  @IsString({ message: 'reason 须为字符串' })
  @Length(1, 500, lengthMessage('reason', 1, 500))
  reason!: string;
}

export class DuplicateDto extends ExpectedVersionDto {
  @ApiProperty({ description: '与之重复的案件编号' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  duplicateOf!: string;
}

export class AssigneeDto {
  @ApiProperty({ enum: ASSIGNEE_KINDS, description: '承办方类型：职能部门或党组织' })
  @IsIn(ASSIGNEE_KINDS, oneOf('assignee.kind', ASSIGNEE_KINDS))
  kind!: AssigneeKind;

  @ApiProperty({ description: '职能部门或党组织编号' })
  @Matches(ID_PATTERN, { message: 'assignee.id 只能包含字母、数字、下划线和连字符（1-64 位）' })
  id!: string;
}

export class DispatchDto extends ExpectedVersionDto {
  @ApiProperty({ type: AssigneeDto })
  @IsDefined({ message: 'assignee 为必填项' })
  @ValidateNested({ message: 'assignee 须为对象' })
  @Type(() => AssigneeDto)
  assignee!: AssigneeDto;

  @MultiLineText()
  @ApiPropertyOptional({ description: '派遣要求', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'instructions 须为字符串' })
  @Length(1, 500, lengthMessage('instructions', 1, 500))
  instructions?: string | null;
}

export class FeedbackDto extends ExpectedVersionDto {
  @MultiLineText()
  @ApiProperty({ description: '处置情况反馈' })
  @IsString({ message: 'feedback 须为字符串' })
  @Length(1, 2000, lengthMessage('feedback', 1, 2000))
  feedback!: string;
}

export class VerifyDto extends ExpectedVersionDto {
  @MultiLineText()
  @ApiPropertyOptional({ description: '核查意见', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'note 须为字符串' })
  @Length(1, 1000, lengthMessage('note', 1, 1000))
  note?: string | null;
}

export class ReworkDto extends ExpectedVersionDto {
  @MultiLineText()
  @ApiProperty({ description: '返工原因' })
  @IsString({ message: 'reason 须为字符串' })
  @Length(1, 1000, lengthMessage('reason', 1, 1000))
  reason!: string;
}

export class RateDto extends ExpectedVersionDto {
  @ApiProperty({ description: '满意度 1-5 分' })
  @IsInt({ message: 'satisfaction 须为 1 到 5 的整数' })
  @Min(1, { message: 'satisfaction 须为 1 到 5 的整数' })
  @Max(5, { message: 'satisfaction 须为 1 到 5 的整数' })
  satisfaction!: number;

  @MultiLineText()
  @ApiPropertyOptional({ description: '评价意见', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'comment 须为字符串' })
  @Length(1, 500, lengthMessage('comment', 1, 500))
  comment?: string | null;
}
