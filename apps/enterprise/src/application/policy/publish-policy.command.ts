import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { Department, DEPARTMENTS, PolicyPublished } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { MultiLineText } from '@pb/platform';
import { decidePolicy, Policy } from '../../domain/policy/policy';
import { Policies } from '../../infrastructure/aggregates';
import { DEPARTMENT_MESSAGE, ID_MESSAGE, ID_PATTERN, Tags, text } from '../shared/common.dto';

export class PublishPolicy {
  constructor(
    readonly request: { policyId: string; title: string; department: Department; summary: string; eligibilityTags: string[]; districtId: string; zoneId: string | null },
    readonly context: CommandContext,
  ) {}
}

/** 发布惠企政策 */
@CommandHandler(PublishPolicy)
export class PublishPolicyHandler implements ICommandHandler<PublishPolicy, Policy> {
  constructor(
    @InjectAggregate(Policies) private readonly policies: AggregateRepository<Policy>,
    private readonly membership: MembershipReference,
  ) {}

  async execute({ request, context }: PublishPolicy): Promise<Policy> {
    const known = request.zoneId ? (await this.membership.zone(request.zoneId))?.districtId === request.districtId : await this.membership.districtKnown(request.districtId);
    const { state } = await this.policies.decideAndSave(request.policyId, (loaded) => ({ definition: PolicyPublished, data: decidePolicy(loaded.state, known, request) }), context);
    return state;
  }
}

// 惠企政策
export class PublishPolicyDto {
  @ApiProperty({ example: 'policy-graduate-subsidy' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) policyId!: string;
  @ApiProperty() @IsString({ message: 'title 须为字符串' }) @Length(1, 200, text('title', 200)) title!: string;
  @ApiProperty({ enum: DEPARTMENTS }) @IsIn(DEPARTMENTS, { message: DEPARTMENT_MESSAGE }) department!: Department;
  @MultiLineText() @ApiProperty() @IsString({ message: 'summary 须为字符串' }) @Length(1, 2000, text('summary', 2000)) summary!: string;
  @ApiProperty({ description: '适用条件标签（企业须全部具备）' }) @Tags('eligibilityTags', 1) eligibilityTags!: string[];
  @ApiProperty({ example: 'rencheng' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) districtId!: string;
  @ApiPropertyOptional({ nullable: true, description: '仅限某片区；不填则全区县适用' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  zoneId?: string | null;
}
