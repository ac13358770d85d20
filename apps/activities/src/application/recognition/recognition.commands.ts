import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AssessmentScored, HonourRegistered, HonourRegisteredData, PointsRulesSet, PointsRulesSetData, RecommendationMade, RecommendationMadeData } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
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
import { AssessmentRepository, HonourRepository, PointsRulesRepository, RecommendationRepository } from '../../infrastructure/snapshots/repositories';

/** 设定积分规则 (one city-wide rule set; each change is a new version) */
export class SetPointsRules {
  constructor(readonly data: PointsRulesSetData, readonly expectedVersion: number | undefined, readonly context: CommandContext) {}
}

@CommandHandler(SetPointsRules)
export class SetPointsRulesHandler implements ICommandHandler<SetPointsRules, PointsRules> {
  constructor(private readonly rules: PointsRulesRepository) {}

  async execute({ data, expectedVersion, context }: SetPointsRules): Promise<PointsRules> {
    const loaded = await this.rules.load(data.rulesId);
    const base = expectedVersion === undefined ? loaded : { ...loaded, version: expectedVersion };
    return (await this.rules.save(base, { definition: PointsRulesSet, data: decidePointsRules(data), jurisdiction: { districtId: '', zoneId: '' } }, context)).state;
  }
}

/** 认定党建品牌 / 示范点 */
export class RegisterHonour {
  constructor(readonly data: HonourRegisteredData, readonly context: CommandContext) {}
}

@CommandHandler(RegisterHonour)
export class RegisterHonourHandler implements ICommandHandler<RegisterHonour, Honour> {
  constructor(private readonly honours: HonourRepository) {}

  async execute({ data, context }: RegisterHonour): Promise<Honour> {
    const loaded = await this.honours.load(data.honourId);
    const decided = decideHonour(loaded.state, data);
    return (await this.honours.save(loaded, { definition: HonourRegistered, data: decided, jurisdiction: { districtId: decided.districtId, zoneId: decided.zoneId ?? '' } }, context)).state;
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
  constructor(private readonly assessments: AssessmentRepository) {}

  async execute({ organization, period, scores, expectedVersion, context }: ScoreAssessment): Promise<Assessment> {
    const loaded = await this.assessments.load(assessmentId(organization.organizationId, period));
    const data = decideAssessment(organization.organizationId, period, scores);
    const base = expectedVersion === undefined ? loaded : { ...loaded, version: expectedVersion };
    return (await this.assessments.save(base, { definition: AssessmentScored, data, jurisdiction: { districtId: organization.districtId, zoneId: organization.zoneId ?? '' } }, context)).state;
  }
}

/** 三优三推推荐 */
export class MakeRecommendation {
  constructor(readonly data: RecommendationMadeData, readonly organization: KnownOrganization, readonly context: CommandContext) {}
}

@CommandHandler(MakeRecommendation)
export class MakeRecommendationHandler implements ICommandHandler<MakeRecommendation, Recommendation> {
  constructor(private readonly recommendations: RecommendationRepository) {}

  async execute({ data, organization, context }: MakeRecommendation): Promise<Recommendation> {
    const loaded = await this.recommendations.load(data.recommendationId);
    const decided = decideRecommendation(loaded.state, data);
    return (await this.recommendations.save(loaded, { definition: RecommendationMade, data: decided, jurisdiction: { districtId: organization.districtId, zoneId: organization.zoneId ?? '' } }, context)).state;
  }
}
