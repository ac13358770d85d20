import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RequestCategory, ServiceDayIssueRaised } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import type { Enterprise } from '../../domain/enterprise/enterprise';
import { decideIssue, ServiceDay } from '../../domain/service-day/service-day';
import { Enterprises, ServiceDays } from '../../infrastructure/aggregates';

export class RaiseServiceDayIssue {
  constructor(
    readonly serviceDayId: string,
    readonly issue: { issueId: string; creditCode: string; category: RequestCategory; description: string },
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

/** 登记上门服务中企业提出的问题 */
@CommandHandler(RaiseServiceDayIssue)
export class RaiseServiceDayIssueHandler implements ICommandHandler<RaiseServiceDayIssue, ServiceDay> {
  constructor(
    @InjectAggregate(ServiceDays) private readonly days: AggregateRepository<ServiceDay>,
    @InjectAggregate(Enterprises) private readonly enterprises: AggregateRepository<Enterprise>,
  ) {}

  async execute({ serviceDayId, issue, expectedVersion, context }: RaiseServiceDayIssue): Promise<ServiceDay> {
    const enterprise = (await this.enterprises.load(issue.creditCode)).state;
    const { state } = await this.days.decideAndSave(
      serviceDayId,
      (loaded) => ({ definition: ServiceDayIssueRaised, data: decideIssue(loaded.state, enterprise, { ...issue, serviceDayId }) }),
      context,
      { expectedVersion },
    );
    return state;
  }
}
