import { ValidateBy } from 'class-validator';
import { parseWebhookUrls } from './channel-rules';

/** Validates `WEBHOOK_URLS` at start, with the message `parseWebhookUrls` gives. */
export function IsWebhookUrls(): PropertyDecorator {
  return ValidateBy({
    name: 'isWebhookUrls',
    validator: {
      validate: (value: unknown) => value === undefined || (typeof value === 'string' && !('error' in parseWebhookUrls(value))),
      defaultMessage: (args) => {
        const parsed = typeof args?.value === 'string' ? parseWebhookUrls(args.value) : { error: 'WEBHOOK_URLS must be a JSON object' };
        return 'error' in parsed ? parsed.error : 'WEBHOOK_URLS is invalid';
      },
    },
  });
}
