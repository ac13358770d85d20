import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNumber, IsString, Length, Matches, Max, Min } from 'class-validator';
import { LoanProductPublished, LoanProductPublishedData } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideLoanProduct, LoanProduct } from '../../domain/financing/financing';
import { LoanProducts } from '../../infrastructure/aggregates';
import { Amount, ID_MESSAGE, ID_PATTERN, text } from '../shared/common.dto';

export class PublishLoanProduct {
  constructor(
    readonly request: LoanProductPublishedData,
    readonly context: CommandContext,
  ) {}
}

/** 发布银行贷款产品 */
@CommandHandler(PublishLoanProduct)
export class PublishLoanProductHandler implements ICommandHandler<PublishLoanProduct, LoanProduct> {
  constructor(
    @InjectAggregate(LoanProducts) private readonly products: AggregateRepository<LoanProduct>,
    private readonly membership: MembershipReference,
  ) {}

  async execute({ request, context }: PublishLoanProduct): Promise<LoanProduct> {
    const districtKnown = await this.membership.districtKnown(request.districtId);
    const { state } = await this.products.decideAndSave(
      request.productId,
      (loaded) => ({ definition: LoanProductPublished, data: decideLoanProduct(loaded.state, districtKnown, request) }),
      context,
    );
    return state;
  }
}

// 银企对接
export class PublishLoanProductDto {
  @ApiProperty({ example: 'lp-rcb-kjd' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) productId!: string;
  @ApiProperty({ example: '济宁农商银行' }) @IsString({ message: 'bank 须为字符串' }) @Length(1, 100, text('bank', 100)) bank!: string;
  @ApiProperty({ example: '科技贷' }) @IsString({ message: 'name 须为字符串' }) @Length(1, 100, text('name', 100)) name!: string;
  @ApiProperty({ description: '最低额度（元）' }) @Amount('minAmount') minAmount!: number;
  @ApiProperty({ description: '最高额度（元）' }) @Amount('maxAmount') maxAmount!: number;
  @ApiProperty({ description: '年利率（%）' })
  @IsNumber({ maxDecimalPlaces: 4 }, { message: 'annualRatePercent 须为数字' })
  @Min(0, { message: 'annualRatePercent 不能为负数' })
  @Max(36, { message: 'annualRatePercent 不能超过 36' })
  annualRatePercent!: number;
  @ApiProperty({ description: '期限（月）' })
  @IsInt({ message: 'termMonths 须为整数' })
  @Min(1, { message: 'termMonths 不能小于 1' })
  @Max(360, { message: 'termMonths 不能超过 360' })
  termMonths!: number;
  @ApiProperty({ example: 'rencheng' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) districtId!: string;
}
