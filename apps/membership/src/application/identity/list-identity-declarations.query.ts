import { ForbiddenException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { FilterQuery, Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import { Actor, assertInScope, scopeFilter } from '@pb/platform';
import { DomainError } from '@pb/platform/domain-error';
import type { DeclarationStatus, IdentityDeclaration } from '../../domain/identity/identity-declaration';
import { maskPhone } from '../../domain/member/id-number';
import { IdentityDeclarations } from '../../infrastructure/aggregates';
import { IdentityDeclarationContacts } from '../../infrastructure/identity/identity-declaration-contacts';

export class ListIdentityDeclarations {
  constructor(
    readonly filter: { organizationId?: string; status?: DeclarationStatus },
    readonly actor: Actor,
  ) {}
}

export class GetIdentityDeclaration {
  constructor(
    readonly declarationId: string,
    readonly actor: Actor,
  ) {}
}

type DeclarationView = IdentityDeclaration & { version: number; phone?: string | null };

/** Declarations awaiting (or past) verification, newest ids last, at most 500; secretaries see their own organization's. */
@QueryHandler(ListIdentityDeclarations)
export class ListIdentityDeclarationsHandler implements IQueryHandler<ListIdentityDeclarations, DeclarationView[]> {
  constructor(@InjectSnapshots(IdentityDeclarations) private readonly declarations: Model<Snapshot<IdentityDeclaration>>) {}

  async execute({ filter, actor }: ListIdentityDeclarations): Promise<DeclarationView[]> {
    const query: FilterQuery<Snapshot<IdentityDeclaration>> = { ...scopeFilter(actor.scope) };
    if (actor.role === 'ORG_SECRETARY') {
      if (filter.organizationId && filter.organizationId !== actor.organizationId) throw new ForbiddenException('党组织书记只能查看本党组织的亮身份登记');
      query.organizationId = actor.organizationId ?? '-';
    } else if (filter.organizationId) query.organizationId = filter.organizationId;
    if (filter.status) query.status = filter.status;
    return this.declarations.find(query, { _id: 0, lastEventAt: 0 }).sort({ _id: 1 }).limit(500).lean<DeclarationView[]>().exec();
  }
}

@QueryHandler(GetIdentityDeclaration)
export class GetIdentityDeclarationHandler implements IQueryHandler<GetIdentityDeclaration, DeclarationView> {
  constructor(
    @InjectSnapshots(IdentityDeclarations) private readonly declarations: Model<Snapshot<IdentityDeclaration>>,
    private readonly contacts: IdentityDeclarationContacts,
  ) {}

  async execute({ declarationId, actor }: GetIdentityDeclaration): Promise<DeclarationView> {
    const found = await this.declarations.findById(declarationId, { _id: 0, lastEventAt: 0 }).lean<DeclarationView>().exec();
    if (!found) throw new DomainError('not_found', 'DECLARATION_NOT_FOUND', `亮身份登记 ${declarationId} 不存在`, { declarationId });
    assertInScope(actor, found, '该亮身份登记');
    if (actor.role === 'ORG_SECRETARY' && actor.organizationId !== found.organizationId) throw new ForbiddenException('党组织书记只能查看本党组织的亮身份登记');
    const phone = await this.contacts.readPhone(declarationId);
    return { ...found, phone: phone ? maskPhone(phone) : null };
  }
}
