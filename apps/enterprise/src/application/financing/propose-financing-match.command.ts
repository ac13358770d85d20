import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { FinancingMatchProposed } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { decideFinancingMatch, FinancingMatch } from '../../domain/financing/financing';
import { FinancingMatchRepository, FinancingNeedRepository, LoanProductRepository, ServiceDayRepository } from '../../infrastructure/repositories';

export class ProposeFinancingMatch {
  constructor(
    readonly request: { matchId: string; needId: string; productId: string; sessionId: string | null; intendedAmount: number },
    readonly context: CommandContext,
  ) {}
}

/** 银企对接达成意向 (often at a matchmaking session) */
@CommandHandler(ProposeFinancingMatch)
export class ProposeFinancingMatchHandler implements ICommandHandler<ProposeFinancingMatch, FinancingMatch> {
  constructor(
    private readonly matches: FinancingMatchRepository,
    private readonly needs: FinancingNeedRepository,
    private readonly products: LoanProductRepository,
    private readonly days: ServiceDayRepository,
  ) {}

  async execute({ request, context }: ProposeFinancingMatch): Promise<FinancingMatch> {
    const loaded = await this.matches.load(request.matchId);
    const [need, product, session] = await Promise.all([
      this.needs.load(request.needId),
      this.products.load(request.productId),
      request.sessionId ? this.days.load(request.sessionId) : Promise.resolve({ state: null }),
    ]);
    const data = decideFinancingMatch(loaded.state, need.state, product.state, session.state, request);
    const { state } = await this.matches.save(loaded, { definition: FinancingMatchProposed, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId } }, context);
    return state;
  }
}
