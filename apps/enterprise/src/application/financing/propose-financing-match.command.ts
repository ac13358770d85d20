import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, ValidateIf } from 'class-validator';
import { FinancingMatchProposed } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideFinancingMatch, FinancingMatch, FinancingNeed, LoanProduct } from '../../domain/financing/financing';
import type { ServiceDay } from '../../domain/service-day/service-day';
import { FinancingMatches, FinancingNeeds, LoanProducts, ServiceDays } from '../../infrastructure/aggregates';
import { Amount, ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';

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
    @InjectAggregate(FinancingMatches) private readonly matches: AggregateRepository<FinancingMatch>,
    @InjectAggregate(FinancingNeeds) private readonly needs: AggregateRepository<FinancingNeed>,
    @InjectAggregate(LoanProducts) private readonly products: AggregateRepository<LoanProduct>,
    @InjectAggregate(ServiceDays) private readonly days: AggregateRepository<ServiceDay>,
  ) {}

  async execute({ request, context }: ProposeFinancingMatch): Promise<FinancingMatch> {
    const [need, product, session] = await Promise.all([
      this.needs.load(request.needId),
      this.products.load(request.productId),
      request.sessionId ? this.days.load(request.sessionId) : Promise.resolve({ state: null }),
    ]);
    const { state } = await this.matches.decideAndSave(
      request.matchId,
      (loaded) => ({ definition: FinancingMatchProposed, data: decideFinancingMatch(loaded.state, need.state, product.state, session.state, request) }),
      context,
    );
    return state;
  }
}

export class ProposeFinancingMatchDto {
  @ApiProperty({ example: 'fm-0001' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) matchId!: string;
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) needId!: string;
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) productId!: string;
  @ApiPropertyOptional({ description: '银企对接会（服务日编号）', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  sessionId?: string | null;
  @ApiProperty({ description: '意向金额（元）' }) @Amount('intendedAmount') intendedAmount!: number;
}
