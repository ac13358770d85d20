import type {
  EventEnvelope,
  MakerSpaceOpenedData,
  MenteeKind,
  MentorRegisteredData,
  MentoringMatchedData,
  StartupAdmittedData,
  StartupStatus,
  StartupStatusChangedData,
} from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { KnownZone, requireKnownZone, ZoneJurisdiction } from '../shared/zone';

/** 导师 */
export type Mentor = MentorRegisteredData;
/** 导师结对 */
export type MentoringMatch = MentoringMatchedData;
/** 众创空间 */
export type MakerSpace = MakerSpaceOpenedData;
/** 入驻创业团队 */
export interface Startup extends StartupAdmittedData {
  status: StartupStatus;
  statusChangedOn: string;
  statusNote: string | null;
}

export function evolveMentor(_s: Mentor | null, event: EventEnvelope): Mentor {
  if (event.type !== 'enterprise.MentorRegistered.v1') throw new Error(`Mentor cannot apply ${event.type}`);
  return { ...(event.data as MentorRegisteredData) };
}

export function evolveMentoringMatch(_s: MentoringMatch | null, event: EventEnvelope): MentoringMatch {
  if (event.type !== 'enterprise.MentoringMatched.v1') throw new Error(`MentoringMatch cannot apply ${event.type}`);
  return { ...(event.data as MentoringMatchedData) };
}

export function evolveMakerSpace(_s: MakerSpace | null, event: EventEnvelope): MakerSpace {
  if (event.type !== 'enterprise.MakerSpaceOpened.v1') throw new Error(`MakerSpace cannot apply ${event.type}`);
  return { ...(event.data as MakerSpaceOpenedData) };
}

export function evolveStartup(state: Startup | null, event: EventEnvelope): Startup {
  if (event.type === 'enterprise.StartupAdmitted.v1') {
    const d = event.data as StartupAdmittedData;
    return { ...d, status: 'INCUBATING', statusChangedOn: d.admittedOn, statusNote: null };
  }
  if (event.type === 'enterprise.StartupStatusChanged.v1' && state) {
    const d = event.data as StartupStatusChangedData;
    return { ...state, status: d.status, statusChangedOn: d.changedOn, statusNote: d.note };
  }
  throw new Error(`Startup cannot apply ${event.type}`);
}

function placed<T extends object>(zone: KnownZone | null, zoneId: string, data: T): T & ZoneJurisdiction {
  const known = requireKnownZone(zone, zoneId);
  return { ...data, districtId: known.districtId, subDistrictId: known.subDistrictId, zoneId: known.zoneId };
}

export function decideMentor(
  existing: Mentor | null,
  zone: KnownZone | null,
  request: { mentorId: string; name: string; title: string; affiliation: string; expertise: string[]; zoneId: string },
): MentorRegisteredData {
  if (existing) throw new DomainError('conflict', 'MENTOR_EXISTS', `导师 ${request.mentorId} 已入库`, { mentorId: request.mentorId });
  const { zoneId, ...rest } = request;
  return placed(zone, zoneId, { ...rest, name: rest.name.trim(), expertise: [...new Set(rest.expertise)] });
}

/** A mentee is a registered enterprise or a start-up that is still incubating. */
export interface Mentee {
  kind: MenteeKind;
  id: string;
  name: string;
  jurisdiction: ZoneJurisdiction;
  active: boolean;
}

export function decideMentoringMatch(
  existing: MentoringMatch | null,
  mentor: Mentor | null,
  mentee: Mentee | null,
  request: { matchId: string; mentorId: string; menteeKind: MenteeKind; menteeId: string; topic: string },
): MentoringMatchedData {
  if (existing) throw new DomainError('conflict', 'MENTORING_MATCH_EXISTS', `该导师已与「${existing.menteeName}」结对`, { matchId: request.matchId });
  if (!mentor) throw new DomainError('invalid', 'MENTOR_UNKNOWN', `导师 ${request.mentorId} 不在导师库`, { mentorId: request.mentorId });
  const what = request.menteeKind === 'ENTERPRISE' ? '企业' : '创业团队';
  if (!mentee) throw new DomainError('invalid', 'MENTEE_UNKNOWN', `${what} ${request.menteeId} 不存在`, { menteeId: request.menteeId });
  if (!mentee.active) throw new DomainError('invalid', 'MENTEE_INACTIVE', `${what}「${mentee.name}」已不在孵化期，不能结对`, { menteeId: request.menteeId });
  return {
    matchId: request.matchId,
    mentorId: mentor.mentorId,
    menteeKind: mentee.kind,
    menteeId: mentee.id,
    menteeName: mentee.name,
    topic: request.topic.trim(),
    ...mentee.jurisdiction,
  };
}

export function decideMakerSpace(
  existing: MakerSpace | null,
  zone: KnownZone | null,
  request: { makerSpaceId: string; name: string; operator: string; description: string; zoneId: string },
): MakerSpaceOpenedData {
  if (existing) throw new DomainError('conflict', 'MAKER_SPACE_EXISTS', `众创空间 ${request.makerSpaceId} 已登记（${existing.name}）`, { makerSpaceId: request.makerSpaceId });
  const { zoneId, ...rest } = request;
  return placed(zone, zoneId, { ...rest, name: rest.name.trim() });
}

export function decideStartupAdmission(
  existing: Startup | null,
  space: MakerSpace | null,
  request: { startupId: string; makerSpaceId: string; name: string; field: string; teamSize: number; admittedOn: string },
): StartupAdmittedData {
  if (existing) throw new DomainError('conflict', 'STARTUP_EXISTS', `创业团队 ${request.startupId} 已入驻`, { startupId: request.startupId });
  if (!space) throw new DomainError('not_found', 'MAKER_SPACE_NOT_FOUND', `众创空间 ${request.makerSpaceId.slice(0, 64)} 不存在`, { makerSpaceId: request.makerSpaceId.slice(0, 64) });
  return { ...request, name: request.name.trim(), districtId: space.districtId, subDistrictId: space.subDistrictId, zoneId: space.zoneId };
}

const STATUS_NAMES: Record<StartupStatus, string> = { INCUBATING: '孵化中', GRADUATED: '已毕业', LEFT: '已迁出', CLOSED: '已注销' };

/** Only an incubating start-up changes status; graduated, left and closed are final. */
export function decideStartupStatus(state: Startup | null, startupId: string, status: StartupStatus, changedOn: string, note: string | null): StartupStatusChangedData {
  if (!state) throw new DomainError('not_found', 'STARTUP_NOT_FOUND', `创业团队 ${startupId.slice(0, 64)} 不存在`, { startupId: startupId.slice(0, 64) });
  if (state.status !== 'INCUBATING') {
    throw new DomainError('conflict', 'TRANSITION_NOT_ALLOWED', `创业团队当前状态为「${STATUS_NAMES[state.status]}」，不能再变更；可进行的操作：无`, {
      status: state.status,
      allowed: [],
    });
  }
  if (status === 'INCUBATING') {
    throw new DomainError('conflict', 'TRANSITION_NOT_ALLOWED', '创业团队当前状态为「孵化中」；可变更为：已毕业、已迁出、已注销', {
      status: state.status,
      allowed: ['GRADUATED', 'LEFT', 'CLOSED'],
    });
  }
  if (changedOn < state.admittedOn) throw new DomainError('invalid', 'DATE_BEFORE_ADMISSION', `变更日期不能早于入驻日期 ${state.admittedOn}`, {});
  return { startupId, status, changedOn, note: note?.trim() || null };
}
