import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, isDuplicateKey } from '@pb/platform';
import { audience, notificationId, type NotificationRecord } from '../../domain/notification';
import { channelEnabled } from '../preferences/channel-preferences';
import { chinaDate, DIGEST_RULE } from './channel-rules';
import { ChannelCollections } from './deliveries';

/** 每日摘要: one notice per active user with something open, listing their open to-dos and unread notices. */
export class MakeDailyDigests {}

export interface DigestResult {
  date: string;
  made: number;
  already: number;
}

const RECIPIENT_PAGE = 200;
/** Items looked at per user and kind: the count says "at least" beyond it. */
const READ_LIMIT = 1000;
const LISTED = 10;

/** The digest's text: counts, then up to ten titles (to-dos first), each already fit for its receiver. */
export function digestText(date: string, todos: { title: string }[], notices: { title: string }[], capped: boolean): { title: string; body: string } {
  const more = capped ? '以上' : '';
  const lines = [`待办 ${todos.length}${more} 项，未读通知 ${notices.length}${more} 条。`];
  const listed = [...todos.map((t) => `【待办】${t.title}`), ...notices.map((n) => `【通知】${n.title}`)].slice(0, LISTED);
  listed.forEach((line, i) => lines.push(`${i + 1}. ${line}`));
  if (todos.length + notices.length > listed.length) lines.push(`……其余 ${todos.length + notices.length - listed.length} 项请登录平台查看。`);
  return { title: `每日摘要（${date}）：待办 ${todos.length}${more} 项，未读通知 ${notices.length}${more} 条`, body: lines.join('\n') };
}

/**
 * For each active recipient whose preferences allow the digest: counts the open to-dos addressed to
 * their audiences and the notices they have not read (neither dismissed; earlier digests left out)
 * and, when there is any, stores one in-app NOTICE `digest.daily` addressed to `user:<id>`, whose id
 * is made of the user and the China-time date: a second run the same day makes nothing. The webhook
 * fan-out then sends it like any notice, to those who turned the webhook on for `digest.daily`.
 */
@CommandHandler(MakeDailyDigests)
export class MakeDailyDigestsHandler implements ICommandHandler<MakeDailyDigests, DigestResult> {
  private readonly logger = new Logger('DailyDigest');

  constructor(
    private readonly c: ChannelCollections,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<DigestResult> {
    const now = this.clock.now();
    const date = chinaDate(now);
    const result: DigestResult = { date, made: 0, already: 0 };
    let after = '';
    for (;;) {
      const page = await this.c.recipients
        .find({ active: true, _id: { $gt: after } })
        .sort({ _id: 1 })
        .limit(RECIPIENT_PAGE)
        .toArray();
      for (const r of page) {
        const made = await this.digestFor(r, date, now);
        if (made === 'made') result.made++;
        if (made === 'already') result.already++;
      }
      if (page.length < RECIPIENT_PAGE) break;
      after = page[page.length - 1]!._id;
    }
    this.logger.log(`daily digest ${date}: ${result.made} made, ${result.already} already made`);
    return result;
  }

  private async digestFor(r: { _id: string; audiences: string[]; districtId: string | null }, date: string, now: Date): Promise<'made' | 'already' | 'none'> {
    const preferences = await this.c.preferences.findOne({ _id: r._id });
    if (!channelEnabled(preferences?.entries ?? [], DIGEST_RULE, 'NOTICE', 'DIGEST')) return 'none';
    const to = audience.user(r._id);
    const sourceId = `digest:${date}`;
    const id = notificationId(DIGEST_RULE, sourceId, to);
    if (await this.c.notifications.findOne({ _id: id }, { projection: { _id: 1 } })) return 'already';
    const audiences = r.audiences.length ? r.audiences : [to];
    const states = await this.c.states.find({ userId: r._id }).toArray();
    const dismissed = new Set(states.filter((s) => s.dismissedAt).map((s) => s.notificationId));
    const read = new Set(states.filter((s) => s.readAt).map((s) => s.notificationId));
    // One query per audience, merged (FerretDB serves `audience: x` from the index, `$in` by a scan).
    const newest = async (filter: Record<string, unknown>) =>
      (
        await Promise.all(
          audiences.map((a) =>
            this.c.notifications
              .find({ audience: a, ...filter }, { projection: { _id: 1, title: 1, createdAt: 1 } })
              .sort({ createdAt: -1, _id: -1 })
              .limit(READ_LIMIT)
              .toArray(),
          ),
        )
      )
        .flat()
        .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (x._id < y._id ? 1 : -1));
    const todoRows = await newest({ kind: 'TODO', state: 'OPEN' });
    const noticeRows = await newest({ kind: 'NOTICE', rule: { $ne: DIGEST_RULE } });
    const todos = todoRows.filter((n) => !dismissed.has(n._id));
    const notices = noticeRows.filter((n) => !dismissed.has(n._id) && !read.has(n._id));
    if (todos.length + notices.length === 0) return 'none';
    const capped = todoRows.length >= READ_LIMIT || noticeRows.length >= READ_LIMIT;
    const text = digestText(date, todos, notices, capped);
    const record: NotificationRecord = {
      _id: id,
      rule: DIGEST_RULE,
      kind: 'NOTICE',
      audience: to,
      record: { type: 'digest', id: `${r._id}:${date}` },
      title: text.title,
      body: text.body,
      link: '/notifications',
      at: now.toISOString(),
      districtId: r.districtId ?? '',
      sourceId,
      state: null,
      closedAt: null,
      createdAt: now,
    };
    try {
      await this.c.notifications.insertOne(record);
      return 'made';
    } catch (error) {
      if (isDuplicateKey(error)) return 'already';
      throw error;
    }
  }
}
