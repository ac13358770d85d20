import { ConcludeFinancingMatchHandler } from './conclude-financing-match.command';
import { FileFinancingNeedHandler } from './file-financing-need.command';
import { ProposeFinancingMatchHandler } from './propose-financing-match.command';
import { PublishLoanProductHandler } from './publish-loan-product.command';

/** 银企对接 loan products, financing needs and matches: the handlers of every use case. */
export const FINANCING_HANDLERS = [ConcludeFinancingMatchHandler, FileFinancingNeedHandler, ProposeFinancingMatchHandler, PublishLoanProductHandler];
