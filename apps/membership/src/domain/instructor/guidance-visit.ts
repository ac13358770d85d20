import type { EventEnvelope, GuidanceVisitRecordedData } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import type { Organization } from '../organization/organization';
import type { Instructor } from './instructor';

/**
 * 指导记录: one visit, a record of its own rather than a list in the instructor's state. An
 * instructor visits the organizations they guide for years; in their state the visits would
 * grow without bound, and every command would load and rewrite them all (and the snapshot
 * document with them). As records they are one small event each, listed newest first from
 * an index on (instructorId, visitedOn, _id), and counted there for the instructor's page.
 */
export interface GuidanceVisit {
  visitId: string;
  instructorId: string;
  organizationId: string;
  visitedOn: string;
  summary: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  recordedAt: string;
}

export function evolveGuidanceVisit(state: GuidanceVisit | null, event: EventEnvelope): GuidanceVisit {
  if (event.type === 'membership.GuidanceVisitRecorded.v1') return { ...(event.data as unknown as GuidanceVisitRecordedData), recordedAt: event.time };
  throw new Error(`GuidanceVisit cannot apply ${event.type}`);
}

export interface GuidanceVisitRequest {
  visitId: string;
  organizationId: string;
  visitedOn: string;
  summary: string;
}

/**
 * A visit is recorded for an organization the instructor is assigned to now, on a day from
 * their assignment to today (China time); it takes the organization's place.
 */
export function decideGuidanceVisit(
  existing: GuidanceVisit | null,
  instructor: Instructor | null,
  instructorId: string,
  organization: Organization | null,
  request: GuidanceVisitRequest,
  today: string,
): GuidanceVisitRecordedData {
  if (existing) throw new DomainError('conflict', 'VISIT_EXISTS', `指导记录 ${request.visitId} 已登记`, { visitId: request.visitId });
  if (!instructor) throw new DomainError('not_found', 'INSTRUCTOR_NOT_FOUND', `党建指导员 ${instructorId} 未登记`, { instructorId });
  if (!organization) {
    throw new DomainError('invalid', 'ORGANIZATION_NOT_FOUND', `organizationId：党组织 ${request.organizationId} 不存在`, {
      field: 'organizationId',
      organizationId: request.organizationId,
    });
  }
  // A dissolved (or merged) organization keeps its last instructors in its history; nobody guides it any more.
  if (organization.dissolvedOn) {
    throw new DomainError('invalid', 'ORGANIZATION_DISSOLVED', `organizationId：党组织${organization.name}已于 ${organization.dissolvedOn} 撤销，不能登记对它的指导记录`, {
      field: 'organizationId',
      organizationId: organization.organizationId,
    });
  }
  const assignment = (organization.instructors ?? []).find((i) => i.instructorId === instructorId);
  if (!assignment) {
    throw new DomainError('invalid', 'INSTRUCTOR_NOT_ASSIGNED', `organizationId：党建指导员 ${instructorId} 目前未选派到${organization.name}，不能登记对它的指导记录`, {
      field: 'organizationId',
      organizationId: organization.organizationId,
      instructorId,
    });
  }
  if (request.visitedOn > today) {
    throw new DomainError('invalid', 'VISIT_IN_FUTURE', `visitedOn：指导日期 ${request.visitedOn} 晚于今天（${today}）`, { field: 'visitedOn', visitedOn: request.visitedOn, today });
  }
  if (request.visitedOn < assignment.assignedOn) {
    throw new DomainError('invalid', 'VISIT_BEFORE_ASSIGNMENT', `visitedOn：指导日期 ${request.visitedOn} 早于选派到${organization.name}的日期 ${assignment.assignedOn}`, {
      field: 'visitedOn',
      visitedOn: request.visitedOn,
      assignedOn: assignment.assignedOn,
    });
  }
  const summary = request.summary.trim();
  if (!summary) throw new DomainError('invalid', 'SUMMARY_REQUIRED', 'summary（指导内容）不能为空', { field: 'summary' });
  return {
    visitId: request.visitId,
    instructorId,
    organizationId: organization.organizationId,
    visitedOn: request.visitedOn,
    summary,
    districtId: organization.districtId,
    subDistrictId: organization.subDistrictId,
    zoneId: organization.zoneId,
  };
}
