import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { FinancingNeedFiled } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import type { Enterprise } from '../../domain/enterprise/enterprise';
import { decideFinancingNeed, FinancingNeed } from '../../domain/financing/financing';
import { Enterprises, FinancingNeeds } from '../../infrastructure/aggregates';

export class FileFinancingNeed {
  constructor(
    readonly request: { needId: string; creditCode: string; amount: number; purpose: string; termMonths: number },
    readonly context: CommandContext,
  ) {}
}

/** 登记企业融资需求 */
@CommandHandler(FileFinancingNeed)
export class FileFinancingNeedHandler implements ICommandHandler<FileFinancingNeed, FinancingNeed> {
  constructor(
    @InjectAggregate(FinancingNeeds) private readonly needs: AggregateRepository<FinancingNeed>,
    @InjectAggregate(Enterprises) private readonly enterprises: AggregateRepository<Enterprise>,
  ) {}

  async execute({ request, context }: FileFinancingNeed): Promise<FinancingNeed> {
    const enterprise = (await this.enterprises.load(request.creditCode)).state;
    const { state } = await this.needs.decideAndSave(
      request.needId,
      (loaded) => ({ definition: FinancingNeedFiled, data: decideFinancingNeed(loaded.state, enterprise, request) }),
      context,
    );
    return state;
  }
}
