import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { FINANCING_OUTCOMES, FinancingMatchConcluded, FinancingOutcome } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { MultiLineText } from '@pb/platform';
import { decideFinancingOutcome, FinancingMatch } from '../../domain/financing/financing';
import { FinancingMatches } from '../../infrastructure/aggregates';
import { Amount, DATE_MESSAGE, DATE_PATTERN, text } from '../shared/common.dto';

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

export class ConcludeFinancingMatchDto {
  @ApiProperty({ enum: FINANCING_OUTCOMES, description: 'GRANTED 放款 / DECLINED 未获批' })
  @IsIn(FINANCING_OUTCOMES, { message: `outcome 必须是以下之一：${FINANCING_OUTCOMES.join(', ')}` })
  outcome!: FinancingOutcome;
  @ApiPropertyOptional({ description: '放款金额（元）', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Amount('grantedAmount') grantedAmount?: number | null;
  @MultiLineText()
  @ApiPropertyOptional({ description: '未获批原因', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'declineReason 须为字符串' })
  @Length(1, 500, text('declineReason', 500))
  declineReason?: string | null;
  @ApiProperty({ example: '2026-04-20' }) @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) concludedOn!: string;
}
