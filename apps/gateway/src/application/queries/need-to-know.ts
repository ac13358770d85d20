import { Actor, describeScope, RecordJurisdiction, scopeCovers } from '@pb/platform';
import type { EventLogEntry } from '../../infrastructure/read-models/event-log';

/**
 * Need-to-know (按需知悉) for the gateway's own reads of the event log: timelines and record
 * histories. A jurisdiction is necessary but not enough: an enterprise contact (企业联络人) reads
 * its own enterprise's records, a secretary (党组织书记) its own organization's, a grid worker
 * (网格员) the records of its zone's work (governance and enterprise services, not the Party
 * members' files), and an analyst none (analysts work from the pseudonymised streams).
 */

/** Roles that administer a jurisdiction: everything in it. */
export const ADMIN_ROLES: readonly string[] = ['CITY_ADMIN', 'DISTRICT_ADMIN', 'SUB_DISTRICT_ADMIN', 'SYSTEM'];

/** The contexts a grid worker's work touches: cases, grids and committees; enterprises' requests they file. */
export const GRID_WORKER_CONTEXTS: readonly string[] = ['governance', 'enterprise'];

/**
 * Events whose envelope is placed where the event happened rather than where the record is
 * held (a floating member's check-in and check-out name the organization reported to): they
 * do not move the record.
 */
const PLACED_ELSEWHERE = new Set(['membership.FloatingMemberCheckedIn.v1', 'membership.FloatingMemberCheckedOut.v1']);

/** Where a record is now and whose it is, as its own events say. */
export interface RecordStanding {
  context: string;
  aggregateType: string;
  /** null: nowhere in particular (city-wide rules and settings). */
  jurisdiction: RecordJurisdiction | null;
  /** The enterprise (统一社会信用代码) the record belongs to, if any. */
  enterpriseCode: string | null;
  /** The Party organizations the record belongs to now. */
  organizationIds: string[];
}

/** What the timeline shows a caller: null = refused (with the reason), else the contexts (null: all). */
export type TimelineRule = { refused: string } | { contexts: readonly string[] | null };

export function timelineRule(actor: Actor): TimelineRule {
  if (ADMIN_ROLES.includes(actor.role)) return { contexts: null };
  if (actor.role === 'GRID_WORKER') return { contexts: GRID_WORKER_CONTEXTS };
  if (actor.role === 'ENTERPRISE_CONTACT' || actor.role === 'ORG_SECRETARY') {
    const own = actor.role === 'ENTERPRISE_CONTACT' ? '本企业' : '本组织';
    return { refused: `辖区时间线只对辖区管理员和网格员开放；${own}记录的履历请查看 /api/history/{记录编号}` };
  }
  return { refused: '数据分析人员不能查看时间线，请使用脱敏的分析事件流（analyst.*）' };
}

/** Why `actor` may not read the record's history, or null when it may. */
export function recordRefusal(actor: Actor, record: RecordStanding): string | null {
  const inScope = record.jurisdiction ? scopeCovers(actor.scope, record.jurisdiction) : actor.scope.level === 'CITY';
  if (!inScope) return `该记录不在您的管辖范围内（${describeScope(actor)}）`;
  if (ADMIN_ROLES.includes(actor.role)) return null;
  switch (actor.role) {
    case 'GRID_WORKER':
      return GRID_WORKER_CONTEXTS.includes(record.context) ? null : '网格员只能查看基层治理和企业服务的记录';
    case 'ENTERPRISE_CONTACT':
      return actor.enterpriseCode && record.enterpriseCode === actor.enterpriseCode ? null : '该记录不属于您所在的企业，企业联络人只能查看本企业的记录';
    case 'ORG_SECRETARY':
      return actor.organizationId && record.organizationIds.includes(actor.organizationId) ? null : '该记录不属于您的党组织，党组织书记只能查看本组织的记录';
    default:
      return '数据分析人员不能查看记录履历，请使用脱敏的分析事件流（analyst.*）';
  }
}

/** A record's standing from its events in version order (at least one). */
export function standingOf(entries: EventLogEntry[]): RecordStanding {
  const first = entries[0];
  return {
    context: first.context,
    aggregateType: first.aggregateType,
    jurisdiction: jurisdictionNow(entries),
    enterpriseCode: enterpriseOf(entries),
    organizationIds: organizationsOf(entries),
  };
}

/**
 * The place of the latest event that places the record itself: after a transfer, the receiving
 * side. Envelopes name district and zone; the sub-district is the one the events state (the
 * caller replaces it with the zone's, from the reference data, where there is a zone).
 */
function jurisdictionNow(entries: EventLogEntry[]): RecordJurisdiction | null {
  const own = entries.filter((e) => e.districtId && !PLACED_ELSEWHERE.has(e.type));
  const latest = own[own.length - 1] ?? entries.filter((e) => e.districtId).pop();
  if (!latest) return null;
  const zoneId = latest.zoneId || null;
  const stated = [...entries].reverse().find((e) => typeof e.data?.subDistrictId === 'string' && e.data.districtId === latest.districtId)?.data.subDistrictId as string | undefined;
  return { districtId: latest.districtId, subDistrictId: stated ?? null, zoneId };
}

/** The enterprise a record belongs to is what created it says: the enterprise itself, or the one it was filed for. */
function enterpriseOf(entries: EventLogEntry[]): string | null {
  const first = entries[0];
  if (first.aggregateType === 'Enterprise') return first.subject;
  const d = first.data ?? {};
  if (typeof d.creditCode === 'string') return d.creditCode;
  if (d.menteeKind === 'ENTERPRISE' && typeof d.menteeId === 'string') return d.menteeId;
  return null;
}

/**
 * The organizations a record belongs to now. A member belongs to the organization holding
 * the membership (moved by a completed transfer) and to the one it checked in with while
 * floating; an organization to itself; anything else to the organizations its latest event
 * naming them names (an activity's organizers, an assessment's organization).
 */
function organizationsOf(entries: EventLogEntry[]): string[] {
  const first = entries[0];
  if (first.aggregateType === 'Organization') return [first.subject];
  if (first.aggregateType === 'Member') {
    let home: string | null = null;
    let floating: string | null = null;
    for (const e of entries) {
      const d = e.data ?? {};
      if (e.type === 'membership.MemberRegistered.v1') home = str(d.organizationId);
      else if (e.type === 'membership.MemberTransferCompleted.v1') home = str(d.toOrganizationId);
      // 修改党员信息 restates the organization (corrected or not): the member belongs there.
      else if (e.type === 'membership.MemberRecordCorrected.v1') home = str(d.organizationId);
      else if (e.type === 'membership.FloatingMemberCheckedIn.v1') floating = str(d.organizationId);
      // 流动党员登记: held elsewhere, checked in with the local organization from the start.
      else if (e.type === 'membership.FloatingMemberRegistered.v1') floating = str(d.organizationId);
      else if (e.type === 'membership.FloatingMemberCheckedOut.v1') floating = null;
    }
    return [home, floating].filter((o): o is string => o !== null);
  }
  let named: string[] = [];
  for (const e of entries) {
    const d = e.data ?? {};
    const here = [str(d.organizationId), ...(Array.isArray(d.organizerIds) ? d.organizerIds.map(str) : [])].filter((o): o is string => o !== null);
    if (here.length > 0) named = here;
  }
  return named;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}
