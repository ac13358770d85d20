import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import type { Jurisdiction } from '../../domain/jurisdiction/jurisdiction';
import { Jurisdictions } from '../../infrastructure/aggregates';
import { HIDDEN, JurisdictionView } from './jurisdiction-view';

export type JurisdictionNode = JurisdictionView & { children: JurisdictionNode[] };

/** A tree answer never grows past this many nodes; `truncated` says when it was cut. */
export const MAX_TREE_NODES = 2000;

export class GetJurisdictionTree {
  constructor(readonly root: JurisdictionView) {}
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
