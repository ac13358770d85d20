import { ForbiddenException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import { Actor, assertInScope, DomainError, seesPersonalData } from '@pb/platform';
import type { IdentityDeclaration } from '../../domain/identity/identity-declaration';
import { maskPhone } from '../../domain/member/id-number';
import { IdentityDeclarations } from '../../infrastructure/aggregates';
import { IdentityDeclarationContacts } from '../../infrastructure/identity/identity-declaration-contacts';
import { assertMayReadPeople, withholdPersonalData } from '../member/member-view';
import { DeclarationView } from './identity-declaration-view';

export class GetIdentityDeclaration {
  constructor(
    readonly declarationId: string,
    readonly actor: Actor,
  ) {}
}

@QueryHandler(GetIdentityDeclaration)
export class GetIdentityDeclarationHandler implements IQueryHandler<GetIdentityDeclaration, Partial<DeclarationView>> {
  constructor(
    @InjectSnapshots(IdentityDeclarations) private readonly declarations: Model<Snapshot<IdentityDeclaration>>,
    private readonly contacts: IdentityDeclarationContacts,
  ) {}

  async execute({ declarationId, actor }: GetIdentityDeclaration): Promise<Partial<DeclarationView>> {
    assertMayReadPeople(actor);
    const found = await this.declarations.findById(declarationId, { _id: 0, lastEventAt: 0 }).lean<DeclarationView>().exec();
    if (!found) throw new DomainError('not_found', 'DECLARATION_NOT_FOUND', `亮身份登记 ${declarationId} 不存在`, { declarationId });
    assertInScope(actor, found, '该亮身份登记');
    if (actor.role === 'ORG_SECRETARY' && actor.organizationId !== found.organizationId) throw new ForbiddenException('党组织书记只能查看本党组织的亮身份登记');
    if (!seesPersonalData(actor)) return withholdPersonalData(found);
    const phone = await this.contacts.readPhone(declarationId);
    return { ...found, phone: phone ? maskPhone(phone) : null };
  }
}
