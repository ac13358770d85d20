import type { EventEnvelope, PledgeFulfilledData, PledgeLapsedData, PledgeMadeData, VanguardPostAssignedData, VanguardPostReleasedData } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { localDateKey } from '../shared/time';

/** 承诺: made 已承诺 → fulfilled 已践诺 | lapsed 未兑现. */
export type Pledge = PledgeMadeData & { status: 'MADE' | 'FULFILLED' | 'LAPSED'; madeAt: string; closedAt: string | null; fulfilledOn: string | null; note: string | null };

export function evolvePledge(state: Pledge | null, event: EventEnvelope): Pledge {
  switch (event.type) {
    case 'activities.PledgeMade.v1':
      return { ...(event.data as unknown as PledgeMadeData), status: 'MADE', madeAt: event.time, closedAt: null, fulfilledOn: null, note: null };
    case 'activities.PledgeFulfilled.v1':
      return {
        ...state!,
        status: 'FULFILLED',
        closedAt: event.time,
        fulfilledOn: (event.data as unknown as PledgeFulfilledData).fulfilledOn,
        note: (event.data as unknown as PledgeFulfilledData).note,
      };
    case 'activities.PledgeLapsed.v1':
      return { ...state!, status: 'LAPSED', closedAt: event.time, note: (event.data as unknown as PledgeLapsedData).reason };
    default:
      throw new Error(`Pledge cannot apply ${event.type}`);
  }
}

export function decidePledge(existing: Pledge | null, request: PledgeMadeData, now: Date): PledgeMadeData {
  if (existing) throw new DomainError('conflict', 'PLEDGE_EXISTS', `承诺 ${request.pledgeId} 已存在`, { pledgeId: request.pledgeId });
  if (request.dueOn < localDateKey(now)) throw new DomainError('invalid', 'DUE_IN_PAST', 'dueOn 不能早于今天', { dueOn: request.dueOn });
  return { ...request, content: request.content.trim() };
}

function requireOpen(p: Pledge | null, pledgeId: string, action: string): Pledge {
  if (!p) throw new DomainError('not_found', 'PLEDGE_NOT_FOUND', `承诺 ${pledgeId} 不存在`, { pledgeId });
  if (p.status !== 'MADE') {
    const zh = p.status === 'FULFILLED' ? '已践诺' : '未兑现';
    throw new DomainError('conflict', 'PLEDGE_STATE_CONFLICT', `承诺当前状态为“${zh}”，不能${action}；只有进行中的承诺可以确认践诺或标记未兑现`, { pledgeId, status: p.status });
  }
  return p;
}

export function decideFulfil(p: Pledge | null, pledgeId: string, note: string, now: Date): PledgeFulfilledData {
  const pledge = requireOpen(p, pledgeId, '确认践诺');
  return { pledgeId, memberId: pledge.memberId, fulfilledOn: localDateKey(now), note: note.trim() };
}

/** A pledge lapses only once its due date has passed. */
export function decideLapse(p: Pledge | null, pledgeId: string, reason: string, now: Date): PledgeLapsedData {
  const pledge = requireOpen(p, pledgeId, '标记未兑现');
  if (pledge.dueOn >= localDateKey(now)) throw new DomainError('conflict', 'PLEDGE_NOT_DUE', `承诺期限 ${pledge.dueOn} 未到，不能标记未兑现`, { pledgeId, dueOn: pledge.dueOn });
  return { pledgeId, memberId: pledge.memberId, reason: reason.trim() };
}

/** 党员先锋岗 / 党员责任区 */
export type VanguardPost = VanguardPostAssignedData & { status: 'ACTIVE' | 'RELEASED'; assignedAt: string };

export function evolvePost(state: VanguardPost | null, event: EventEnvelope): VanguardPost {
  switch (event.type) {
    case 'activities.VanguardPostAssigned.v1':
      return { ...(event.data as unknown as VanguardPostAssignedData), status: 'ACTIVE', assignedAt: event.time };
    case 'activities.VanguardPostReleased.v1': {
      const d = event.data as unknown as VanguardPostReleasedData;
      return d.successorMemberId ? { ...state!, memberId: d.successorMemberId, assignedAt: event.time } : { ...state!, status: 'RELEASED' };
    }
    default:
      throw new Error(`VanguardPost cannot apply ${event.type}`);
  }
}

export function decidePostAssignment(existing: VanguardPost | null, request: VanguardPostAssignedData): VanguardPostAssignedData {
  if (existing) throw new DomainError('conflict', 'POST_EXISTS', `岗位 ${request.postId} 已设立`, { postId: request.postId });
  if (request.kind === 'RESPONSIBILITY_ZONE' && !request.area) {
    throw new DomainError('invalid', 'AREA_REQUIRED', '党员责任区须写明责任范围 area', { postId: request.postId });
  }
  return { ...request, title: request.title.trim() };
}

export function decidePostRelease(post: VanguardPost | null, postId: string, reason: string, successorMemberId: string | null): VanguardPostReleasedData {
  if (!post) throw new DomainError('not_found', 'POST_NOT_FOUND', `岗位 ${postId} 不存在`, { postId });
  if (post.status !== 'ACTIVE') throw new DomainError('conflict', 'POST_STATE_CONFLICT', '岗位当前状态为“已撤销”，不能再调整', { postId, status: post.status });
  if (successorMemberId === post.memberId) throw new DomainError('invalid', 'SAME_MEMBER', '接任党员与现任相同', { postId });
  return { postId, memberId: post.memberId, reason: reason.trim(), successorMemberId };
}
