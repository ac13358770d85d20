import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { FinancingNeedFiled } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { decideFinancingNeed, FinancingNeed } from '../../domain/financing/financing';
import { EnterpriseRepository, FinancingNeedRepository } from '../../infrastructure/repositories';

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
    private readonly needs: FinancingNeedRepository,
    private readonly enterprises: EnterpriseRepository,
  ) {}

  async execute({ request, context }: FileFinancingNeed): Promise<FinancingNeed> {
    const loaded = await this.needs.load(request.needId);
    const data = decideFinancingNeed(loaded.state, (await this.enterprises.load(request.creditCode)).state, request);
    const { state } = await this.needs.save(loaded, { definition: FinancingNeedFiled, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId } }, context);
    return state;
  }
}
