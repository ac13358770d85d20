import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { CASE_KINDS, CASE_PRIORITIES, CaseKind, CasePriority, CaseTimeLimitSet } from '@pb/contracts';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope } from '@pb/platform';
import { DeadlinePolicy, decideTimeLimit, effectiveLimits, policyIdOf } from '../../domain/case/deadline-policy';
import { DeadlinePolicies } from '../../infrastructure/aggregates';
import { Caller } from '../shared/caller';
import { ID_MESSAGE, ID_PATTERN, oneOf } from '../shared/common.dto';

/** 办理时限: a district sets the hours for one kind and priority; later reports use it. */
export class SetTimeLimit {
  constructor(
    readonly request: { districtId: string; kind: CaseKind; priority: CasePriority; hours: number },
    readonly caller: Caller,
  ) {}
}

@CommandHandler(SetTimeLimit)
export class SetTimeLimitHandler implements ICommandHandler<SetTimeLimit> {
  constructor(@InjectAggregate(DeadlinePolicies) private readonly policies: AggregateRepository<DeadlinePolicy>) {}

  async execute({ request, caller }: SetTimeLimit) {
    assertInScope(caller.actor, { districtId: request.districtId }, '该区县');
    const { state } = await this.policies.decideAndSave(
      policyIdOf(request.districtId),
      (loaded) => ({ definition: CaseTimeLimitSet, data: decideTimeLimit(loaded.state, request) }),
      caller.context,
    );
    return { districtId: request.districtId, limits: effectiveLimits(state) };
  }
}

export class TimeLimitDto {
  @ApiProperty({ description: '区县编号' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  districtId!: string;

  @ApiProperty({ enum: CASE_KINDS })
  @IsIn(CASE_KINDS, oneOf('kind', CASE_KINDS))
  kind!: CaseKind;

  @ApiProperty({ enum: CASE_PRIORITIES })
  @IsIn(CASE_PRIORITIES, oneOf('priority', CASE_PRIORITIES))
  priority!: CasePriority;

  @ApiProperty({ description: '办理时限（小时，1-8760）' })
  @IsInt({ message: 'hours 须为 1 到 8760 的整数' })
  @Min(1, { message: 'hours 须为 1 到 8760 的整数' })
  @Max(8760, { message: 'hours 须为 1 到 8760 的整数' })
  hours!: number;
}
