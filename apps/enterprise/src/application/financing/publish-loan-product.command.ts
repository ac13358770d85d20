import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LoanProductPublished, LoanProductPublishedData } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { MembershipReference } from '@pb/membership-reference';
import { decideLoanProduct, LoanProduct } from '../../domain/financing/financing';
import { LoanProductRepository } from '../../infrastructure/repositories';

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
    private readonly products: LoanProductRepository,
    private readonly membership: MembershipReference,
  ) {}

  async execute({ request, context }: PublishLoanProduct): Promise<LoanProduct> {
    const loaded = await this.products.load(request.productId);
    const data = decideLoanProduct(loaded.state, await this.membership.districtKnown(request.districtId), request);
    const { state } = await this.products.save(loaded, { definition: LoanProductPublished, data, jurisdiction: { districtId: data.districtId, zoneId: '' } }, context);
    return state;
  }
}
