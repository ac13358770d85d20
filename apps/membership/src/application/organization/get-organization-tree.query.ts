import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Model } from 'mongoose';
import type { OrganizationType } from '@pb/contracts';
import { InjectSnapshots } from '@pb/messaging';
import type { Organization } from '../../domain/organization/organization';
import { Organizations } from '../../infrastructure/aggregates';
import type { PlaceFilter } from '../jurisdiction/jurisdiction-statistics';

export interface OrganizationNode {
  organizationId: string;
  name: string;
  type: OrganizationType;
  parentId: string | null;
  zoneId: string | null;
  secretaryMemberId: string | null;
  children: OrganizationNode[];
}

export interface OrganizationTree {
  total: number;
  truncated: boolean;
  /** Organizations whose parent lies outside the jurisdiction (or who have none). */
  roots: OrganizationNode[];
}

/** 组织架构: the organizations inside a jurisdiction, as parent → children. */
export class GetOrganizationTree {
  constructor(
    readonly filter: PlaceFilter,
    readonly limit: number,
  ) {}
}

@QueryHandler(GetOrganizationTree)
export class GetOrganizationTreeHandler implements IQueryHandler<GetOrganizationTree, OrganizationTree> {
  constructor(@InjectSnapshots(Organizations) private readonly organizations: Model<Organization & { _id: string }>) {}

  async execute({ filter, limit }: GetOrganizationTree): Promise<OrganizationTree> {
    const found = await this.organizations
      // A dissolved or merged organization is no longer part of the structure (its history stays).
      .find({ ...filter, dissolvedOn: null }, { _id: 0, organizationId: 1, name: 1, type: 1, parentId: 1, zoneId: 1, secretaryMemberId: 1 })
      .sort({ _id: 1 })
      .limit(limit + 1)
      .lean<Organization[]>()
      .exec();
    const truncated = found.length > limit;
    if (truncated) found.length = limit;
    const nodes = new Map<string, OrganizationNode>(
      found.map((o) => [
        o.organizationId,
        {
          organizationId: o.organizationId,
          name: o.name,
          type: o.type,
          parentId: o.parentId ?? null,
          zoneId: o.zoneId ?? null,
          secretaryMemberId: o.secretaryMemberId ?? null,
          children: [],
        },
      ]),
    );
    const roots: OrganizationNode[] = [];
    for (const node of nodes.values()) {
      const parent = node.parentId ? nodes.get(node.parentId) : undefined;
      (parent ? parent.children : roots).push(node);
    }
    return { total: nodes.size, truncated, roots };
  }
}

export class TreeLimitDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 须为整数' })
  @Min(1, { message: 'limit 不能小于 1' })
  @Max(2000, { message: 'limit 不能大于 2000' })
  limit?: number;
}
