import { ForbiddenException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { Actor, assertInScope, scopeFilter } from '@pb/platform';
import { DomainError } from '@pb/platform/domain-error';
import type { DeclarationStatus, IdentityDeclaration } from '../../domain/identity/identity-declaration';
import { maskPhone } from '../../domain/member/id-number';
import { IdentityDeclarationRepository } from '../../infrastructure/identity/identity-declaration.repository';
import { IDENTITY_DECLARATION_SNAPSHOT, IdentityDeclarationSnapshot } from '../../infrastructure/identity/identity-declaration.snapshot';

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
  constructor(@InjectModel(IDENTITY_DECLARATION_SNAPSHOT) private readonly declarations: Model<IdentityDeclarationSnapshot>) {}

  async execute({ filter, actor }: ListIdentityDeclarations): Promise<DeclarationView[]> {
    const query: FilterQuery<IdentityDeclarationSnapshot> = { ...scopeFilter(actor.scope) };
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
    @InjectModel(IDENTITY_DECLARATION_SNAPSHOT) private readonly declarations: Model<IdentityDeclarationSnapshot>,
    private readonly repository: IdentityDeclarationRepository,
  ) {}

  async execute({ declarationId, actor }: GetIdentityDeclaration): Promise<DeclarationView> {
    const found = await this.declarations.findById(declarationId, { _id: 0, lastEventAt: 0 }).lean<DeclarationView>().exec();
    if (!found) throw new DomainError('not_found', 'DECLARATION_NOT_FOUND', `亮身份登记 ${declarationId} 不存在`, { declarationId });
    assertInScope(actor, found, '该亮身份登记');
    if (actor.role === 'ORG_SECRETARY' && actor.organizationId !== found.organizationId) throw new ForbiddenException('党组织书记只能查看本党组织的亮身份登记');
    const phone = await this.repository.readPhone(declarationId);
    return { ...found, phone: phone ? maskPhone(phone) : null };
  }
}
