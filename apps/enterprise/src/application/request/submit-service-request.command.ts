import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RequestCategory, RequestOrigin, ServiceRequestSubmitted } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import type { Enterprise } from '../../domain/enterprise/enterprise';
import { RoutingRule, routingRuleId } from '../../domain/request/routing';
import { decideSubmission, ServiceRequest } from '../../domain/request/service-request';
import { DEFAULT_SERVICE_TARGETS, SERVICE_TARGETS_ID, ServiceTargets } from '../../domain/request/service-targets';
import { Enterprises, RoutingRules, ServiceRequests, ServiceTargetsSettings } from '../../infrastructure/aggregates';

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
