import { Model } from 'mongoose';
import { afterPosition, PagePosition } from '@pb/platform';
import { Audience, NotificationRecord } from '../../domain/notification';

/** One item of my list, as the API answers it. */
export interface NotificationItem {
  id: string;
  kind: NotificationRecord['kind'];
  rule: string;
  title: string;
  body: string;
  link: string | null;
  record: { type: string; id: string };
  at: string;
  state: NotificationRecord['state'];
  read: boolean;
  districtId: string;
  zoneId: string | null;
  /** When the service stored it (the list's order). */
  createdAt: string;
}

export function toItem(n: NotificationRecord, read: boolean): NotificationItem {
  return {
    id: n._id,
    kind: n.kind,
    rule: n.rule,
    title: n.title,
    body: n.body,
    link: n.link ?? null,
    record: { type: n.record.type, id: n.record.id },
    at: n.at,
    state: n.state ?? null,
    read,
    districtId: n.districtId,
    zoneId: n.zoneId ?? null,
    createdAt: new Date(n.createdAt).toISOString(),
  };
}

const newerFirst = (a: NotificationRecord, b: NotificationRecord) => {
  const byTime = new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime();
  return byTime !== 0 ? byTime : a._id < b._id ? 1 : a._id > b._id ? -1 : 0;
};

/**
 * Up to `limit` of the notifications addressed to any of `audiences`, newest first after
 * `position`. One query per audience, merged: a user has one to four, and FerretDB serves
 * `audience: x` from the index where `audience: { $in }` scans.
 */
export async function notificationsOf(
  model: Model<NotificationRecord>,
  audiences: Audience[],
  filter: Record<string, unknown>,
  position: PagePosition | null,
  limit: number,
): Promise<NotificationRecord[]> {
  const after = position ? afterPosition('createdAt', new Date(position.key), position.id, 'desc') : {};
  const lists = await Promise.all(
    audiences.map((audience) =>
      model
        .find({ audience, ...filter, ...after })
        .sort({ createdAt: -1, _id: -1 })
        .limit(limit)
        .lean<NotificationRecord[]>()
        .exec(),
    ),
  );
  return lists.flat().sort(newerFirst).slice(0, limit);
}

/** The notification `id` if it is addressed to one of `audiences`, else null (someone else's is not there, for this caller). */
export async function mine(model: Model<NotificationRecord>, audiences: Audience[], id: string): Promise<NotificationRecord | null> {
  const found = await model.findById(id).lean<NotificationRecord>().exec();
  return found && audiences.includes(found.audience) ? found : null;
}
