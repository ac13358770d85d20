import type { NotificationRecord } from '../../domain/notification';

/** One item as the list (`GET /notifications`) shows it; a new one is unread. */
export interface LiveItem {
  id: string;
  kind: NotificationRecord['kind'];
  rule: string;
  title: string;
  body: string;
  link: string | null;
  record: { type: string; id: string };
  at: string;
  state: 'OPEN' | 'DONE' | null;
  read: boolean;
  districtId: string;
  zoneId: string | null;
}

export function liveItemOf(record: NotificationRecord): LiveItem {
  return {
    id: record._id,
    kind: record.kind,
    rule: record.rule,
    title: record.title,
    body: record.body,
    link: record.link ?? null,
    record: { type: record.record.type, id: record.record.id },
    at: record.at,
    state: record.state ?? null,
    read: false,
    districtId: record.districtId,
    zoneId: record.zoneId ?? null,
  };
}

/** One server-sent event: its name and one line of JSON. */
export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
