import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RequestCategory, RequestOrigin, ServiceRequestSubmitted } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { routingRuleId } from '../../domain/request/routing';
import { decideSubmission, ServiceRequest } from '../../domain/request/service-request';
import { DEFAULT_SERVICE_TARGETS, SERVICE_TARGETS_ID } from '../../domain/request/service-targets';
import { EnterpriseRepository, RoutingRuleRepository, ServiceRequestRepository, ServiceTargetsRepository } from '../../infrastructure/repositories';

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
    private readonly requests: ServiceRequestRepository,
    private readonly enterprises: EnterpriseRepository,
    private readonly rules: RoutingRuleRepository,
    private readonly targets: ServiceTargetsRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: SubmitServiceRequest): Promise<ServiceRequest> {
    const loaded = await this.requests.load(command.requestId);
    const [enterprise, rule, targets] = await Promise.all([
      this.enterprises.load(command.creditCode),
      this.rules.load(routingRuleId(command.category)),
      this.targets.load(SERVICE_TARGETS_ID),
    ]);
    const data = decideSubmission(
      loaded.state,
      enterprise.state,
      command.creditCode,
      { requestId: command.requestId, category: command.category, title: command.title, description: command.description, origin: command.origin },
      rule.state,
      targets.state ?? DEFAULT_SERVICE_TARGETS,
      this.clock.now(),
    );
    const { state } = await this.requests.save(
      loaded,
      { definition: ServiceRequestSubmitted, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId } },
      command.context,
    );
    return state;
  }
}
