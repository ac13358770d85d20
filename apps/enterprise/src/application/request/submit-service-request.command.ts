import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { REQUEST_CATEGORIES, RequestCategory, RequestOrigin, ServiceRequestSubmitted } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock, MultiLineText } from '@pb/platform';
import type { Enterprise } from '../../domain/enterprise/enterprise';
import { RoutingRule, routingRuleId } from '../../domain/request/routing';
import { decideSubmission, ServiceRequest } from '../../domain/request/service-request';
import { DEFAULT_SERVICE_TARGETS, SERVICE_TARGETS_ID, ServiceTargets } from '../../domain/request/service-targets';
import { Enterprises, RoutingRules, ServiceRequests, ServiceTargetsSettings } from '../../infrastructure/aggregates';
import { CATEGORY_MESSAGE, ID_MESSAGE, ID_PATTERN, IsCreditCode } from '../shared/common.dto';

export class SubmitServiceRequest {
  constructor(
    readonly requestId: string,
    readonly creditCode: string,
    readonly category: RequestCategory,
    readonly title: string,
    readonly description: string,
    readonly origin: RequestOrigin | null,
    readonly context: CommandContext,
  ) {}
}

/** 提交企业诉求: routed by the rule in force, deadlines fixed from the targets in force. */
@CommandHandler(SubmitServiceRequest)
export class SubmitServiceRequestHandler implements ICommandHandler<SubmitServiceRequest, ServiceRequest> {
  constructor(
    @InjectAggregate(ServiceRequests) private readonly requests: AggregateRepository<ServiceRequest>,
    @InjectAggregate(Enterprises) private readonly enterprises: AggregateRepository<Enterprise>,
    @InjectAggregate(RoutingRules) private readonly rules: AggregateRepository<RoutingRule>,
    @InjectAggregate(ServiceTargetsSettings) private readonly targets: AggregateRepository<ServiceTargets>,
    private readonly clock: Clock,
  ) {}

  async execute(command: SubmitServiceRequest): Promise<ServiceRequest> {
    const [enterprise, rule, targets] = await Promise.all([
      this.enterprises.load(command.creditCode),
      this.rules.load(routingRuleId(command.category)),
      this.targets.load(SERVICE_TARGETS_ID),
    ]);
    const request = { requestId: command.requestId, category: command.category, title: command.title, description: command.description, origin: command.origin };
    const { state } = await this.requests.decideAndSave(
      command.requestId,
      (loaded) => ({
        definition: ServiceRequestSubmitted,
        data: decideSubmission(loaded.state, enterprise.state, command.creditCode, request, rule.state, targets.state ?? DEFAULT_SERVICE_TARGETS, this.clock.now()),
      }),
      command.context,
    );
    return state;
  }
}

export class SubmitRequestDto {
  @ApiPropertyOptional({ description: '诉求编号；不填则自动生成' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  requestId?: string;

  @ApiProperty({ description: '提出诉求的企业（统一社会信用代码）' })
  @IsCreditCode()
  creditCode!: string;

  @ApiProperty({ enum: REQUEST_CATEGORIES, description: '诉求类别' })
  @IsIn(REQUEST_CATEGORIES, { message: CATEGORY_MESSAGE })
  category!: RequestCategory;

  @ApiProperty({ description: '标题' })
  @IsString({ message: 'title 须为字符串' })
  @Length(1, 100, { message: 'title 长度须在 1 到 100 之间' })
  title!: string;

  @MultiLineText()
  @ApiProperty({ description: '诉求内容' })
  @IsString({ message: 'description 须为字符串' })
  @Length(1, 2000, { message: 'description 长度须在 1 到 2000 之间' })
  description!: string;
}
