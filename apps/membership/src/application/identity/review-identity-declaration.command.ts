import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IdentityDeclarationRejected, IdentityDeclarationVerified } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate, PendingEvent } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { DomainError } from '@pb/platform/domain-error';
import { decideRejection, decideVerification, IdentityDeclaration } from '../../domain/identity/identity-declaration';
import { chinaDate } from '../../domain/member/dates';
import { IdentityDeclarations } from '../../infrastructure/aggregates';
import { assertMayManage } from '../member/member-access';
import { TransferReasonDto } from '../shared/member.dto';

/** The secretary of the organization verifies a declaration, or rejects it with the reason. */
export class ReviewIdentityDeclaration {
  constructor(
    readonly declarationId: string,
    readonly outcome: { verified: true } | { verified: false; reason: string },
    readonly on: string,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ReviewIdentityDeclaration)
export class ReviewIdentityDeclarationHandler implements ICommandHandler<ReviewIdentityDeclaration, IdentityDeclaration> {
  constructor(
    @InjectAggregate(IdentityDeclarations) private readonly declarations: AggregateRepository<IdentityDeclaration>,
    private readonly clock: Clock,
  ) {}

  async execute({ declarationId, outcome, on, actor, context }: ReviewIdentityDeclaration): Promise<IdentityDeclaration> {
    const { state } = await this.declarations.decideAndSave(
      declarationId,
      ({ state: existing }) => {
        if (!existing) throw new DomainError('not_found', 'DECLARATION_NOT_FOUND', `亮身份登记 ${declarationId} 不存在`, { declarationId });
        assertMayManage(actor, existing, '该登记所在党组织');
        const today = chinaDate(this.clock.now());
        const event = outcome.verified
          ? { definition: IdentityDeclarationVerified, data: decideVerification(existing, declarationId, on, today) }
          : { definition: IdentityDeclarationRejected, data: decideRejection(existing, declarationId, outcome.reason, on, today) };
        return event as PendingEvent<never>;
      },
      context,
    );
    return state;
  }
}

export class RejectDeclarationDto extends TransferReasonDto {}
