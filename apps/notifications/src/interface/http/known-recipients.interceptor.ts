import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { from, Observable, switchMap } from 'rxjs';
import { Actor } from '@pb/platform';
import { KnownRecipients } from '../../application/recipients/known-recipients';

/** Every authenticated call notes its caller as a recipient (a write only when their audiences changed). */
@Injectable()
export class KnownRecipientsInterceptor implements NestInterceptor {
  constructor(private readonly known: KnownRecipients) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const actor = context.getType() === 'http' ? context.switchToHttp().getRequest<{ actor?: Actor }>().actor : undefined;
    if (!actor) return next.handle();
    return from(this.known.saw(actor)).pipe(switchMap(() => next.handle()));
  }
}
