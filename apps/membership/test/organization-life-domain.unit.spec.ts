import { DomainError } from '@pb/platform/domain-error';
import { decideBuildingRegistration } from '../src/domain/building/building';
import { decideJurisdictionRename, Jurisdiction } from '../src/domain/jurisdiction/jurisdiction';
import {
  decideDissolution,
  decideHostChange,
  decideLocation,
  decideMerge,
  decideRegistration,
  decideRename,
  decideReparent,
  decideTermReminder,
  Organization,
  OrganizationContents,
} from '../src/domain/organization/organization';

const org = (over: Partial<Organization>): Organization => ({
  organizationId: 'o',
  name: '组织',
  type: 'BRANCH',
  parentId: null,
  districtId: 'rencheng',
  subDistrictId: 'fuqiao',
  zoneId: 'zone-taibailou',
  host: null,
  registeredAt: '2026-01-01T00:00:00Z',
  instructors: [],
  termReminded: false,
  ...over,
});
const swc = org({ organizationId: 'swc', name: '阜桥街道党工委', type: 'SUB_DISTRICT_WORKING_COMMITTEE', zoneId: null });
const committee = org({ organizationId: 'dc', name: '太白楼路商圈党委', type: 'DISTRICT_COMMITTEE', parentId: 'swc' });
const joint = org({ organizationId: 'jc', name: '太白楼路联合党委', type: 'JOINT_COMMITTEE', parentId: 'dc' });
const branch = org({ organizationId: 'br', name: '万达党支部', type: 'BRANCH', parentId: 'dc' });
const otherZone = org({ organizationId: 'oz', name: '古槐路商圈党委', type: 'DISTRICT_COMMITTEE', zoneId: 'zone-guhuai' });
const dissolved = org({ ...joint, organizationId: 'gone', name: '已撤销联合党委', dissolvedOn: '2026-02-01' });
const empty: OrganizationContents = { members: 0, floatingMembers: 0, incomingTransfers: 0, childOrganizations: 0 };

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('调整隶属关系 decideReparent', () => {
  it('moves a branch under another committee of its zone, naming the previous parent', () => {
    expect(decideReparent(branch, 'br', 'jc', joint, ['dc', 'swc'])).toEqual({ organizationId: 'br', parentId: 'jc', previousParentId: 'dc' });
  });

  it('refuses a cycle: the organization itself or one of its descendants as parent', () => {
    expect(refusal(() => decideReparent(committee, 'dc', 'dc', committee, ['swc'])).code).toBe('PARENT_CYCLE');
    const e = refusal(() => decideReparent(committee, 'dc', 'jc', joint, ['dc', 'swc']));
    expect(e.code).toBe('PARENT_CYCLE');
    expect(e.message).toMatch(/太白楼路联合党委是太白楼路商圈党委本身或其下级组织/);
  });

  it('refuses a missing or dissolved parent, a type that may not lead, another zone, and no change', () => {
    expect(refusal(() => decideReparent(branch, 'br', 'nowhere', null, [])).code).toBe('PARENT_NOT_FOUND');
    expect(refusal(() => decideReparent(branch, 'br', 'gone', dissolved, ['dc'])).code).toBe('PARENT_DISSOLVED');
    const upside = refusal(() => decideReparent(joint, 'jc', 'br', branch, ['dc', 'swc']));
    expect(upside.code).toBe('PARENT_TYPE_NOT_ALLOWED');
    expect(upside.message).toMatch(/党支部不能作为联合党委的上级/);
    expect(refusal(() => decideReparent(branch, 'br', 'oz', otherZone, [])).code).toBe('PARENT_IN_OTHER_ZONE');
    expect(refusal(() => decideReparent(branch, 'br', 'dc', committee, ['swc'])).code).toBe('PARENT_UNCHANGED');
    expect(refusal(() => decideReparent(branch, 'br', null, null, [])).code).toBe('PARENT_REQUIRED');
  });

  it('lets a committee stand at the top', () => {
    expect(decideReparent(committee, 'dc', null, null, [])).toEqual({ organizationId: 'dc', parentId: null, previousParentId: 'swc' });
  });
});

describe('依托单位 decideHostChange', () => {
  it('records a new host, trimmed, or none; the same host again is a conflict', () => {
    expect(decideHostChange(branch, 'br', { kind: 'ENTERPRISE', name: ' 万达广场 ', creditCode: null })).toEqual({
      organizationId: 'br',
      host: { kind: 'ENTERPRISE', name: '万达广场', creditCode: null },
    });
    const hosted = org({ ...branch, host: { kind: 'ENTERPRISE', name: '万达广场', creditCode: null } });
    expect(decideHostChange(hosted, 'br', null)).toEqual({ organizationId: 'br', host: null });
    expect(refusal(() => decideHostChange(hosted, 'br', { kind: 'ENTERPRISE', name: '万达广场', creditCode: null })).code).toBe('HOST_UNCHANGED');
  });
});

describe('撤销 decideDissolution', () => {
  it('dissolves an empty organization', () => {
    expect(decideDissolution(branch, 'br', empty, '2026-03-01')).toEqual({ organizationId: 'br', dissolvedOn: '2026-03-01' });
  });

  it('refuses while members are left, saying how many and that they must be transferred to another organization first', () => {
    const e = refusal(() => decideDissolution(branch, 'br', { ...empty, members: 3, floatingMembers: 1 }, '2026-03-01'));
    expect(e).toMatchObject({ kind: 'conflict', code: 'ORGANIZATION_HAS_MEMBERS', details: { members: 3, floatingMembers: 1 } });
    expect(e.message).toMatch(/万达党支部还有3 名党员.*1 名报到的流动党员.*须先通过组织关系转接将党员转至指定的其他党组织/);
  });

  it('refuses while child organizations are left, pointing to re-parenting or merging', () => {
    const e = refusal(() => decideDissolution(committee, 'dc', { ...empty, childOrganizations: 2 }, '2026-03-01'));
    expect(e.code).toBe('ORGANIZATION_HAS_CHILDREN');
    expect(e.message).toMatch(/还有 2 个下级党组织.*合并到指定党组织/);
  });

  it('ends the organization for good: no further change, no term reminder, no new child under it', () => {
    expect(refusal(() => decideDissolution(dissolved, 'gone', empty, '2026-03-02')).code).toBe('ORGANIZATION_DISSOLVED');
    expect(refusal(() => decideRename(dissolved, 'gone', '新名称')).code).toBe('ORGANIZATION_DISSOLVED');
    expect(decideTermReminder({ ...dissolved, termNumber: 1, termStart: '2021-03-01', termEnd: '2026-03-10' }, '2026-03-01')).toBeNull();
    const child = {
      organizationId: 'x',
      name: '新支部',
      type: 'BRANCH' as const,
      parentId: 'gone',
      districtId: 'rencheng',
      subDistrictId: 'fuqiao',
      zoneId: 'zone-taibailou',
      host: null,
    };
    expect(refusal(() => decideRegistration(null, dissolved, child)).code).toBe('PARENT_DISSOLVED');
  });
});

describe('合并 decideMerge', () => {
  const people = { members: 0, floatingMembers: 0, incomingTransfers: 0 };
  const child = org({ organizationId: 'c1', name: '一支部', type: 'BRANCH', parentId: 'jc' });

  it('merges into another organization, re-parenting every child to it', () => {
    const { merged, reparented } = decideMerge(joint, 'jc', committee, 'dc', ['swc'], [child], people, '2026-03-01');
    expect(merged).toEqual({ organizationId: 'jc', intoOrganizationId: 'dc', mergedOn: '2026-03-01', childOrganizationIds: ['c1'] });
    expect(reparented).toEqual([{ organizationId: 'c1', parentId: 'dc', previousParentId: 'jc' }]);
  });

  it('refuses itself, a missing, dissolved or descendant target, members left, and a child that cannot sit under the target', () => {
    expect(refusal(() => decideMerge(joint, 'jc', joint, 'jc', [], [], people, '2026-03-01')).code).toBe('MERGE_INTO_ITSELF');
    expect(refusal(() => decideMerge(joint, 'jc', null, 'nowhere', [], [], people, '2026-03-01')).code).toBe('MERGE_TARGET_NOT_FOUND');
    expect(refusal(() => decideMerge(joint, 'jc', dissolved, 'gone', [], [], people, '2026-03-01')).code).toBe('MERGE_TARGET_DISSOLVED');
    expect(refusal(() => decideMerge(committee, 'dc', joint, 'jc', ['dc', 'swc'], [], people, '2026-03-01')).code).toBe('MERGE_INTO_DESCENDANT');
    expect(refusal(() => decideMerge(joint, 'jc', committee, 'dc', ['swc'], [], { ...people, members: 2 }, '2026-03-01')).code).toBe('ORGANIZATION_HAS_MEMBERS');
    const general = org({ organizationId: 'gb', name: '总支', type: 'GENERAL_BRANCH', parentId: 'jc' });
    const e = refusal(() => decideMerge(joint, 'jc', branch, 'br', ['dc', 'swc'], [general], people, '2026-03-01'));
    expect(e.code).toBe('CHILD_DOES_NOT_FIT');
    expect(e.message).toMatch(/下级组织总支不能改隶万达党支部/);
  });
});

describe('所在楼宇 decideLocation and 楼宇登记', () => {
  const zone: Jurisdiction = {
    jurisdictionId: 'zone-taibailou',
    level: 'ZONE',
    name: '太白楼路商圈',
    parentId: 'fuqiao',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
    zoneKind: 'BUSINESS_DISTRICT',
    surveyed: false,
    pilot: false,
    demonstration: false,
    registeredAt: '2026-01-01T00:00:00Z',
  };

  it('registers a building in a zone, its district and sub-district from the zone', () => {
    expect(decideBuildingRegistration(null, zone, { buildingId: 'b1', name: ' 万达广场 ', kind: 'COMPLEX', zoneId: 'zone-taibailou', address: '  ' })).toEqual({
      buildingId: 'b1',
      name: '万达广场',
      kind: 'COMPLEX',
      districtId: 'rencheng',
      subDistrictId: 'fuqiao',
      zoneId: 'zone-taibailou',
      address: null,
    });
    expect(
      refusal(() => decideBuildingRegistration(null, { ...zone, level: 'SUB_DISTRICT' }, { buildingId: 'b1', name: 'x', kind: 'BUILDING', zoneId: 'fuqiao', address: null })).code,
    ).toBe('ZONE_NOT_FOUND');
  });

  it('locates an organization only in a building of its own zone', () => {
    expect(decideLocation(branch, 'br', 'b1', { buildingId: 'b1', name: '万达广场', zoneId: 'zone-taibailou' })).toEqual({ organizationId: 'br', buildingId: 'b1' });
    const e = refusal(() => decideLocation(branch, 'br', 'b2', { buildingId: 'b2', name: '古槐大厦', zoneId: 'zone-guhuai' }));
    expect(e.code).toBe('BUILDING_IN_OTHER_ZONE');
    expect(e.message).toMatch(/楼宇古槐大厦属于片区 zone-guhuai/);
    expect(refusal(() => decideLocation(swc, 'swc', 'b1', { buildingId: 'b1', name: '万达广场', zoneId: 'zone-taibailou' })).code).toBe('BUILDING_IN_OTHER_ZONE');
    expect(refusal(() => decideLocation(branch, 'br', 'b9', null)).code).toBe('BUILDING_NOT_FOUND');
    expect(refusal(() => decideLocation({ ...branch, buildingId: 'b1' }, 'br', 'b1', { buildingId: 'b1', name: '万达广场', zoneId: 'zone-taibailou' })).code).toBe('LOCATION_UNCHANGED');
  });

  it('renames a jurisdiction, refusing the same name and an unknown one', () => {
    expect(decideJurisdictionRename(zone, 'zone-taibailou', ' 太白楼路—古槐路商圈 ')).toEqual({ jurisdictionId: 'zone-taibailou', name: '太白楼路—古槐路商圈' });
    expect(refusal(() => decideJurisdictionRename(zone, 'zone-taibailou', '太白楼路商圈')).code).toBe('NAME_UNCHANGED');
    expect(refusal(() => decideJurisdictionRename(null, 'zone-x', '某片区')).kind).toBe('not_found');
  });
});
