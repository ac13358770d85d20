import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RequestCategory, ServiceDayIssueRaised } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { decideIssue, ServiceDay } from '../../domain/service-day/service-day';
import { EnterpriseRepository, ServiceDayRepository } from '../../infrastructure/repositories';

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
    private readonly days: ServiceDayRepository,
    private readonly enterprises: EnterpriseRepository,
  ) {}

  async execute({ serviceDayId, issue, expectedVersion, context }: RaiseServiceDayIssue): Promise<ServiceDay> {
    const loaded = await this.days.load(serviceDayId);
    const enterprise = await this.enterprises.load(issue.creditCode);
    const data = decideIssue(loaded.state, enterprise.state, { ...issue, serviceDayId });
    const base = expectedVersion === undefined ? loaded : { ...loaded, version: expectedVersion };
    const { state } = await this.days.save(base, { definition: ServiceDayIssueRaised, data, jurisdiction: { districtId: loaded.state!.districtId, zoneId: loaded.state!.zoneId } }, context);
    return state;
  }
}
