import type { EventEnvelope, OrganizationHost, OrganizationRegisteredData, OrganizationRenamedData, OrganizationType } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';

/** 党组织: the aggregate's state as its events leave it. */
export interface Organization {
  organizationId: string;
  name: string;
  type: OrganizationType;
  parentId: string | null;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  host: OrganizationHost | null;
  registeredAt: string;
}

export function evolveOrganization(state: Organization | null, event: EventEnvelope): Organization {
  switch (event.type) {
    case 'membership.OrganizationRegistered.v1': {
      const data = event.data as unknown as OrganizationRegisteredData;
      return { ...data, registeredAt: event.time };
    }
    case 'membership.OrganizationRenamed.v1': {
      const data = event.data as unknown as OrganizationRenamedData;
      return { ...requireState(state, event), name: data.name };
    }
    default:
      throw new Error(`Organization cannot apply ${event.type}`);
  }
}

function requireState(state: Organization | null, event: EventEnvelope): Organization {
  if (!state) throw new Error(`${event.type} before OrganizationRegistered for ${event.subject}`);
  return state;
}

/** An organization is registered once; its parent must already exist in the same district. */
export function decideRegistration(
  existing: Organization | null,
  parent: Organization | null,
  request: OrganizationRegisteredData,
): OrganizationRegisteredData {
  if (existing) {
    throw new DomainError('conflict', 'ORGANIZATION_EXISTS', `党组织 ${request.organizationId} 已登记`, {
      organizationId: request.organizationId,
    });
  }
  if (request.parentId && !parent) {
    throw new DomainError('invalid', 'PARENT_NOT_FOUND', `上级党组织 ${request.parentId} 不存在`, { parentId: request.parentId });
  }
  if (parent && parent.districtId !== request.districtId) {
    throw new DomainError('invalid', 'PARENT_IN_OTHER_DISTRICT', '上级党组织不在同一区县', { parentId: request.parentId });
  }
  return { ...request, name: request.name.trim() };
}

export function decideRename(existing: Organization | null, organizationId: string, name: string): OrganizationRenamedData {
  if (!existing) throw new DomainError('not_found', 'ORGANIZATION_NOT_FOUND', `党组织 ${organizationId} 不存在`, { organizationId });
  const trimmed = name.trim();
  if (trimmed === existing.name) {
    throw new DomainError('conflict', 'NAME_UNCHANGED', '新名称与当前名称相同', { organizationId });
  }
  return { organizationId, name: trimmed };
}
