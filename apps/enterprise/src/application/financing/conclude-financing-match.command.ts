import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { FinancingMatchConcluded, FinancingOutcome } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { decideFinancingOutcome, FinancingMatch } from '../../domain/financing/financing';
import { FinancingMatchRepository } from '../../infrastructure/repositories';

export class ConcludeFinancingMatch {
  constructor(
    readonly matchId: string,
    readonly request: { outcome: FinancingOutcome; grantedAmount: number | null; declineReason: string | null; concludedOn: string },
    readonly context: CommandContext,
  ) {}
}

/** 登记对接结果: granted amount, or declined with the reason. */
@CommandHandler(ConcludeFinancingMatch)
export class ConcludeFinancingMatchHandler implements ICommandHandler<ConcludeFinancingMatch, FinancingMatch> {
  constructor(private readonly matches: FinancingMatchRepository) {}

  async execute({ matchId, request, context }: ConcludeFinancingMatch): Promise<FinancingMatch> {
    const loaded = await this.matches.load(matchId);
    const data = decideFinancingOutcome(loaded.state, matchId, request);
    const { state } = await this.matches.save(loaded, { definition: FinancingMatchConcluded, data, jurisdiction: { districtId: loaded.state!.districtId, zoneId: loaded.state!.zoneId } }, context);
    return state;
  }
}
