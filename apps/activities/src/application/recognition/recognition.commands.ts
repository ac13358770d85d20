import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AssessmentScored, HonourRegistered, HonourRegisteredData, PointsRulesSet, PointsRulesSetData, RecommendationMade, RecommendationMadeData } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import {
  Assessment,
  assessmentId,
  decideAssessment,
  decideHonour,
  decidePointsRules,
  decideRecommendation,
  Honour,
  PointsRules,
  Recommendation,
} from '../../domain/recognition/recognition';
import { KnownOrganization } from '../../domain/activity/activity';
import { Assessments, Honours, PointsRulesSets, Recommendations } from '../../infrastructure/aggregates';

/** 设定积分规则 (one city-wide rule set; each change is a new version) */
export class SetPointsRules {
  constructor(readonly data: PointsRulesSetData, readonly expectedVersion: number | undefined, readonly context: CommandContext) {}
}

@CommandHandler(SetPointsRules)
export class SetPointsRulesHandler implements ICommandHandler<SetPointsRules, PointsRules> {
  constructor(@InjectAggregate(PointsRulesSets) private readonly rules: AggregateRepository<PointsRules>) {}

  async execute({ data, expectedVersion, context }: SetPointsRules): Promise<PointsRules> {
    const { state } = await this.rules.decideAndSave(
      data.rulesId,
      () => ({ definition: PointsRulesSet, data: decidePointsRules(data) }),
      context,
      { expectedVersion },
    );
    return state;
  }
}

/** 认定党建品牌 / 示范点 */
export class RegisterHonour {
  constructor(readonly data: HonourRegisteredData, readonly context: CommandContext) {}
}

@CommandHandler(RegisterHonour)
export class RegisterHonourHandler implements ICommandHandler<RegisterHonour, Honour> {
  constructor(@InjectAggregate(Honours) private readonly honours: AggregateRepository<Honour>) {}

  async execute({ data, context }: RegisterHonour): Promise<Honour> {
    const { state } = await this.honours.decideAndSave(
      data.honourId,
      (loaded) => ({ definition: HonourRegistered, data: decideHonour(loaded.state, data) }),
      context,
    );
    return state;
  }
}

/** 五规范五提升考评打分 */
export class ScoreAssessment {
  constructor(
    readonly organization: KnownOrganization,
    readonly period: string,
    readonly scores: { item: string; score: number }[],
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ScoreAssessment)
export class ScoreAssessmentHandler implements ICommandHandler<ScoreAssessment, Assessment> {
  constructor(@InjectAggregate(Assessments) private readonly assessments: AggregateRepository<Assessment>) {}

  async execute({ organization, period, scores, expectedVersion, context }: ScoreAssessment): Promise<Assessment> {
    const jurisdiction = { districtId: organization.districtId, zoneId: organization.zoneId ?? '' };
    const { state } = await this.assessments.decideAndSave(
      assessmentId(organization.organizationId, period),
      () => ({ definition: AssessmentScored, data: decideAssessment(organization.organizationId, period, scores), jurisdiction }),
      context,
      { expectedVersion },
    );
    return state;
  }
}

/** 三优三推推荐 */
export class MakeRecommendation {
  constructor(readonly data: RecommendationMadeData, readonly organization: KnownOrganization, readonly context: CommandContext) {}
}

@CommandHandler(MakeRecommendation)
export class MakeRecommendationHandler implements ICommandHandler<MakeRecommendation, Recommendation> {
  constructor(@InjectAggregate(Recommendations) private readonly recommendations: AggregateRepository<Recommendation>) {}

  async execute({ data, organization, context }: MakeRecommendation): Promise<Recommendation> {
    const jurisdiction = { districtId: organization.districtId, zoneId: organization.zoneId ?? '' };
    const { state } = await this.recommendations.decideAndSave(
      data.recommendationId,
      (loaded) => ({ definition: RecommendationMade, data: decideRecommendation(loaded.state, data), jurisdiction }),
      context,
    );
    return state;
  }
}
