import { RegisterRecipientHandler } from './register-recipient.command';

/** 接收人: the handlers of every use case. */
export const RECIPIENTS_HANDLERS = [RegisterRecipientHandler];
