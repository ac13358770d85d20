import { ForbiddenException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { FilterQuery, Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import { Actor, assertInScope, scopeFilter, seesPersonalData } from '@pb/platform';
import type { DeclarationStatus, IdentityDeclaration } from '../../domain/identity/identity-declaration';
import { IdentityDeclarations } from '../../infrastructure/aggregates';
import { MemberOrganizations } from '../../infrastructure/member/member-organizations';
import { assertMayReadPeople, withholdPersonalData } from '../member/member-view';
import { ID_PATTERN, PageDto } from '../shared/common.dto';
import { DeclarationView } from './identity-declaration-view';

export class ListIdentityDeclarations {
  constructor(
    readonly filter: { organizationId?: string; status?: DeclarationStatus },
    readonly actor: Actor,
    readonly limit = 200,
    readonly after?: string,
  ) {}
}

/** Declarations awaiting (or past) verification, a page in id order (`after` the last id); secretaries see their own organization's. */
@QueryHandler(ListIdentityDeclarations)
export class ListIdentityDeclarationsHandler implements IQueryHandler<ListIdentityDeclarations, Partial<DeclarationView>[]> {
  constructor(
    @InjectSnapshots(IdentityDeclarations) private readonly declarations: Model<Snapshot<IdentityDeclaration>>,
    private readonly organizations: MemberOrganizations,
  ) {}

  async execute({ filter, actor, limit, after }: ListIdentityDeclarations): Promise<Partial<DeclarationView>[]> {
    assertMayReadPeople(actor);
    if (filter.organizationId && actor.role !== 'ORG_SECRETARY') {
      const organization = await this.organizations.find(filter.organizationId);
      if (organization) assertInScope(actor, organization, `党组织 ${filter.organizationId} `);
    }
    const query: FilterQuery<Snapshot<IdentityDeclaration>> = { ...scopeFilter(actor.scope) };
    if (actor.role === 'ORG_SECRETARY') {
      if (filter.organizationId && filter.organizationId !== actor.organizationId) throw new ForbiddenException('党组织书记只能查看本党组织的亮身份登记');
      query.organizationId = actor.organizationId ?? '-';
    } else if (filter.organizationId) query.organizationId = filter.organizationId;
    if (filter.status) query.status = filter.status;
    if (after) query._id = { $gt: after };
    const found = await this.declarations.find(query, { _id: 0, lastEventAt: 0 }).sort({ _id: 1 }).limit(limit).lean<DeclarationView[]>().exec();
    return seesPersonalData(actor) ? found : found.map((d) => withholdPersonalData(d));
  }
}

export class DeclarationFilterDto extends PageDto {
  @IsOptional() @Matches(ID_PATTERN, { message: 'organizationId 须为党组织编号' }) organizationId?: string;
  @IsOptional() @IsIn(['DECLARED', 'VERIFIED', 'REJECTED'], { message: 'status 必须是 DECLARED, VERIFIED, REJECTED 之一' }) status?: 'DECLARED' | 'VERIFIED' | 'REJECTED';
}
