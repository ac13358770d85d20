import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LoanProductPublished, LoanProductPublishedData } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideLoanProduct, LoanProduct } from '../../domain/financing/financing';
import { LoanProducts } from '../../infrastructure/aggregates';

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
