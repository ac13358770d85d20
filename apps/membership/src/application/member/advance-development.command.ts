import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Min } from 'class-validator';
import { DEVELOPMENT_STAGES, DevelopmentStage, DevelopmentStageAdvanced, MemberAdmittedAsFull, MemberRegistered } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate, PendingEvent } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { chinaDate } from '../../domain/member/dates';
import { AdvanceRequest, decideAdvance, Member, requireMember } from '../../domain/member/member';
import type { Recommendation } from '../../domain/member/recommendation';
import { Members, Recommendations } from '../../infrastructure/aggregates';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';
import { DATE, DATE_MESSAGE } from '../shared/member.dto';
import { assertMayManage } from './member-access';

/** 发展党员: one step along the pipeline, including 接收为预备党员 and 转正. */
export class AdvanceDevelopment {
  constructor(
    readonly memberId: string,
    readonly request: AdvanceRequest,
    readonly expectedVersion: number | undefined,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(AdvanceDevelopment)
export class AdvanceDevelopmentHandler implements ICommandHandler<AdvanceDevelopment, Member> {
  constructor(
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
    @InjectAggregate(Recommendations) private readonly recommendations: AggregateRepository<Recommendation>,
    private readonly clock: Clock,
  ) {}

  async execute({ memberId, request, expectedVersion, actor, context }: AdvanceDevelopment): Promise<Member> {
    const { state } = await this.members.decideAndSave(
      memberId,
      async (loaded) => {
        assertMayManage(actor, requireMember(loaded.state, memberId), '该党员所在党组织');
        const introducers = await this.members.statesOf(request.introducerMemberIds);
        const [recommendation = null] = request.recommendationId ? await this.recommendations.statesOf([request.recommendationId]) : [];
        const decision = decideAdvance(loaded.state, memberId, request, introducers, chinaDate(this.clock.now()), recommendation);
        const event: PendingEvent<unknown> =
          decision.kind === 'stage'
            ? { definition: DevelopmentStageAdvanced, data: decision.data }
            : decision.kind === 'registered'
              ? { definition: MemberRegistered, data: decision.data }
              : { definition: MemberAdmittedAsFull, data: decision.data };
        return event as PendingEvent<never>;
      },
      context,
      { expectedVersion },
    );
    return state;
  }
}

const ADVANCE_TO = DEVELOPMENT_STAGES.filter((s) => s !== 'APPLICANT');

export class AdvanceDevelopmentDto {
  @ApiProperty({ enum: ADVANCE_TO, description: '下一阶段：ACTIVIST 积极分子 / DEVELOPMENT_TARGET 发展对象 / PROBATIONARY 预备党员 / FULL 转正' })
  @IsIn(ADVANCE_TO, { message: `toStage 必须是以下之一：${ADVANCE_TO.join(', ')}` })
  toStage!: DevelopmentStage;

  @ApiProperty({ description: '该阶段的日期', example: '2026-04-01' })
  @IsString({ message: 'on 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  on!: string;

  @ApiPropertyOptional({ description: '积极分子：培养联系人；发展对象：两名入党介绍人（正式党员编号）', type: [String] })
  @IsOptional()
  @IsArray({ message: 'introducerMemberIds 须为党员编号数组' })
  @ArrayMaxSize(5, { message: 'introducerMemberIds 最多 5 个' })
  @Matches(ID_PATTERN, { each: true, message: 'introducerMemberIds 的每一项须为党员编号' })
  introducerMemberIds?: string[];

  @ApiPropertyOptional({ description: '促成这一步的“三优三推”推荐编号' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  recommendationId?: string;

  @ApiPropertyOptional({ description: '调用方读取到的版本号；与当前版本不符时返回 409' })
  @IsOptional()
  @IsInt({ message: 'expectedVersion 须为整数' })
  @Min(1)
  expectedVersion?: number;
}
