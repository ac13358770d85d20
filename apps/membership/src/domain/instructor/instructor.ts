import type { EventEnvelope, InstructorRegisteredData } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import type { Jurisdiction } from '../jurisdiction/jurisdiction';

/**
 * 党建指导员: the fourth part of the work system (街道党工委 + 商圈党建联盟 + 两新组织党组织 +
 * 党建指导员). The organizations they guide are on the organizations (`instructors`), and
 * their visits are records of their own (guidance-visit.ts): this state stays small.
 */
export interface Instructor {
  instructorId: string;
  name: string;
  sendingUnit: string;
  districtId: string;
  subDistrictId: string | null;
  memberId: string | null;
  registeredAt: string;
}

export function evolveInstructor(state: Instructor | null, event: EventEnvelope): Instructor {
  if (event.type === 'membership.InstructorRegistered.v1') return { ...(event.data as unknown as InstructorRegisteredData), registeredAt: event.time };
  throw new Error(`Instructor cannot apply ${event.type}`);
}

/** Where the instructor works, as registered, and their member record when one is named. */
export interface InstructorRegistrationFacts {
  district: Jurisdiction | null;
  subDistrict: Jurisdiction | null;
  memberFound: boolean;
}

/**
 * An instructor is registered once, working in a registered district (and, when given, one of
 * its registered sub-districts); a member id given must be a member's.
 */
export function decideInstructorRegistration(existing: Instructor | null, request: InstructorRegisteredData, facts: InstructorRegistrationFacts): InstructorRegisteredData {
  if (existing) {
    throw new DomainError('conflict', 'INSTRUCTOR_EXISTS', `党建指导员 ${request.instructorId} 已登记`, { instructorId: request.instructorId });
  }
  const { district, subDistrict } = facts;
  if (!district || district.level !== 'DISTRICT') {
    throw new DomainError('invalid', 'DISTRICT_NOT_FOUND', `districtId：区县 ${request.districtId} 未登记`, { field: 'districtId', districtId: request.districtId });
  }
  if (request.subDistrictId) {
    if (!subDistrict || subDistrict.level !== 'SUB_DISTRICT') {
      throw new DomainError('invalid', 'SUB_DISTRICT_NOT_FOUND', `subDistrictId：街道 ${request.subDistrictId} 未登记`, {
        field: 'subDistrictId',
        subDistrictId: request.subDistrictId,
      });
    }
    if (subDistrict.districtId !== request.districtId) {
      throw new DomainError('invalid', 'SUB_DISTRICT_IN_OTHER_DISTRICT', `subDistrictId：街道 ${subDistrict.name}属于区县 ${subDistrict.districtId}，不属于 ${request.districtId}`, {
        field: 'subDistrictId',
        subDistrictId: request.subDistrictId,
        districtId: subDistrict.districtId,
      });
    }
  }
  if (request.memberId && !facts.memberFound) {
    throw new DomainError('invalid', 'MEMBER_NOT_FOUND', `memberId：党员 ${request.memberId} 不存在`, { field: 'memberId', memberId: request.memberId });
  }
  const name = request.name.trim();
  const sendingUnit = request.sendingUnit.trim();
  if (!name) throw new DomainError('invalid', 'NAME_REQUIRED', 'name 不能为空', { field: 'name' });
  if (!sendingUnit) throw new DomainError('invalid', 'SENDING_UNIT_REQUIRED', 'sendingUnit（派出单位）不能为空', { field: 'sendingUnit' });
  return { ...request, name, sendingUnit, subDistrictId: request.subDistrictId ?? null, memberId: request.memberId ?? null };
}
