import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IdentityDeclared } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Actor, assertInScope, Clock } from '@pb/platform';
import { DomainError } from '@pb/platform/domain-error';
import { decideDeclaration, IdentityDeclaration } from '../../domain/identity/identity-declaration';
import { chinaDate } from '../../domain/member/dates';
import { IdentityDeclarations } from '../../infrastructure/aggregates';
import { IdentityDeclarationContacts } from '../../infrastructure/identity/identity-declaration-contacts';
import { MemberOrganizations } from '../../infrastructure/member/member-organizations';

export interface DeclarationRequest {
  declarationId: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  phone: string;
  organizationId: string;
  homeOrganizationName: string | null;
  employerName: string | null;
  declaredJoinedOn: string;
  declaredOn: string;
}

/** 亮身份: recorded on the member's behalf by whoever they approached (secretary, grid worker, enterprise contact). */
export class DeclareIdentity {
  constructor(
    readonly request: DeclarationRequest,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(DeclareIdentity)
export class DeclareIdentityHandler implements ICommandHandler<DeclareIdentity, IdentityDeclaration> {
  constructor(
    @InjectAggregate(IdentityDeclarations) private readonly declarations: AggregateRepository<IdentityDeclaration>,
    private readonly contacts: IdentityDeclarationContacts,
    private readonly organizations: MemberOrganizations,
    private readonly clock: Clock,
  ) {}

  async execute({ request, actor, context }: DeclareIdentity): Promise<IdentityDeclaration> {
    const org = await this.organizations.find(request.organizationId);
    if (!org) throw new DomainError('invalid', 'ORGANIZATION_NOT_FOUND', `党组织 ${request.organizationId} 不存在`, { field: 'organizationId' });
    assertInScope(actor, org, '该党组织');
    const { phone, ...rest } = request;
    const { state } = await this.declarations.decideAndSave(
      request.declarationId,
      async (loaded) => {
        const data = decideDeclaration(
          loaded.state,
          { ...rest, districtId: org.districtId, subDistrictId: org.subDistrictId, zoneId: org.zoneId },
          phone,
          chinaDate(this.clock.now()),
        );
        // Only once the declaration is accepted; storing it again on a retry keeps the first.
        await this.contacts.storePhone(data.declarationId, phone);
        return { definition: IdentityDeclared, data };
      },
      context,
    );
    return state;
  }
}
