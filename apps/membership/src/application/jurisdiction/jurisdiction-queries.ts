import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import type { JurisdictionLevel } from '@pb/contracts';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import type { Jurisdiction } from '../../domain/jurisdiction/jurisdiction';
import { Jurisdictions } from '../../infrastructure/aggregates';
import type { PlaceFilter } from './jurisdiction-statistics';

export type JurisdictionView = Jurisdiction & { version: number };
export type JurisdictionNode = JurisdictionView & { children: JurisdictionNode[] };

const HIDDEN = { _id: 0, lastEventAt: 0 } as const;
/** A tree answer never grows past this many nodes; `truncated` says when it was cut. */
export const MAX_TREE_NODES = 2000;

/** The records that lie inside a jurisdiction, in the fields they carry. */
export function placeFilterOf(j: Pick<Jurisdiction, 'level' | 'districtId' | 'subDistrictId' | 'zoneId'>): PlaceFilter {
  switch (j.level) {
    case 'CITY':
      return {};
    case 'DISTRICT':
      return { districtId: j.districtId! };
    case 'SUB_DISTRICT':
      return { districtId: j.districtId!, subDistrictId: j.subDistrictId! };
    case 'ZONE':
      return { districtId: j.districtId!, zoneId: j.zoneId! };
  }
}

export class GetJurisdiction {
  constructor(readonly jurisdictionId: string) {}
}

export class ListJurisdictions {
  constructor(
    readonly filter: PlaceFilter & { level?: JurisdictionLevel; parentId?: string },
    readonly limit: number,
    readonly after: string | undefined,
  ) {}
}

export class GetJurisdictionTree {
  constructor(readonly root: JurisdictionView) {}
}

@QueryHandler(GetJurisdiction)
export class GetJurisdictionHandler implements IQueryHandler<GetJurisdiction, JurisdictionView | null> {
  constructor(@InjectSnapshots(Jurisdictions) private readonly jurisdictions: Model<Snapshot<Jurisdiction>>) {}

  execute({ jurisdictionId }: GetJurisdiction): Promise<JurisdictionView | null> {
    return this.jurisdictions.findById(jurisdictionId, HIDDEN).lean<JurisdictionView>().exec();
  }
}

@QueryHandler(ListJurisdictions)
export class ListJurisdictionsHandler implements IQueryHandler<ListJurisdictions, JurisdictionView[]> {
  constructor(@InjectSnapshots(Jurisdictions) private readonly jurisdictions: Model<Snapshot<Jurisdiction>>) {}

  execute({ filter, limit, after }: ListJurisdictions): Promise<JurisdictionView[]> {
    const query: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(filter)) if (value !== undefined) query[key] = value;
    if (after) query._id = { $gt: after };
    return this.jurisdictions.find(query, HIDDEN).sort({ _id: 1 }).limit(limit).lean<JurisdictionView[]>().exec();
  }
}

/** The jurisdiction and everything below it, level by level. */
@QueryHandler(GetJurisdictionTree)
export class GetJurisdictionTreeHandler implements IQueryHandler<GetJurisdictionTree, { tree: JurisdictionNode; truncated: boolean }> {
  constructor(@InjectSnapshots(Jurisdictions) private readonly jurisdictions: Model<Snapshot<Jurisdiction>>) {}

  async execute({ root }: GetJurisdictionTree): Promise<{ tree: JurisdictionNode; truncated: boolean }> {
    const tree: JurisdictionNode = { ...root, children: [] };
    let frontier = [tree];
    let count = 1;
    let truncated = false;
    while (frontier.length > 0 && !truncated) {
      const byId = new Map(frontier.map((n) => [n.jurisdictionId, n]));
      const room = MAX_TREE_NODES - count;
      const children = await this.jurisdictions
        .find({ parentId: { $in: [...byId.keys()] } }, HIDDEN)
        .sort({ _id: 1 })
        .limit(room + 1)
        .lean<JurisdictionView[]>()
        .exec();
      if (children.length > room) {
        truncated = true;
        children.length = room;
      }
      const next: JurisdictionNode[] = [];
      for (const child of children) {
        const node = { ...child, children: [] };
        byId.get(child.parentId!)!.children.push(node);
        next.push(node);
      }
      count += children.length;
      frontier = next;
    }
    return { tree, truncated };
  }
}
