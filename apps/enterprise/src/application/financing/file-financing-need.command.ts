import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { FinancingNeedFiled } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { MultiLineText } from '@pb/platform';
import type { Enterprise } from '../../domain/enterprise/enterprise';
import { decideFinancingNeed, FinancingNeed } from '../../domain/financing/financing';
import { Enterprises, FinancingNeeds } from '../../infrastructure/aggregates';
import { Amount, ID_MESSAGE, ID_PATTERN, IsCreditCode, text } from '../shared/common.dto';

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

export class FileFinancingNeedDto {
  @ApiProperty({ example: 'fn-0001' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) needId!: string;
  @ApiProperty() @IsCreditCode() creditCode!: string;
  @ApiProperty({ description: '融资金额（元）' }) @Amount('amount') amount!: number;
  @MultiLineText() @ApiProperty() @IsString({ message: 'purpose 须为字符串' }) @Length(1, 500, text('purpose', 500)) purpose!: string;
  @ApiProperty() @IsInt({ message: 'termMonths 须为整数' }) @Min(1, { message: 'termMonths 不能小于 1' }) @Max(360, { message: 'termMonths 不能超过 360' }) termMonths!: number;
}
