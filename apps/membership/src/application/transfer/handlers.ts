import { AdvanceTransferHandler } from './advance-transfer.command';
import { ListOpenTransfersHandler } from './list-open-transfers.query';
import { RequestTransferHandler } from './request-transfer.command';

/** 组织关系转接 transfers: the handlers of every use case. */
export const TRANSFER_HANDLERS = [AdvanceTransferHandler, RequestTransferHandler, ListOpenTransfersHandler];
