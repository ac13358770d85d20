import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { FinancingMatchConcluded, FinancingOutcome } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideFinancingOutcome, FinancingMatch } from '../../domain/financing/financing';
import { FinancingMatches } from '../../infrastructure/aggregates';

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
  constructor(@InjectAggregate(FinancingMatches) private readonly matches: AggregateRepository<FinancingMatch>) {}

  async execute({ matchId, request, context }: ConcludeFinancingMatch): Promise<FinancingMatch> {
    const { state } = await this.matches.decideAndSave(
      matchId,
      (loaded) => ({ definition: FinancingMatchConcluded, data: decideFinancingOutcome(loaded.state, matchId, request) }),
      context,
    );
    return state;
  }
}
