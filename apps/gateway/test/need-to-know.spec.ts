import { Actor } from '@pb/platform';
import { recordRefusal, standingOf } from '../src/application/queries/need-to-know';
import type { EventLogEntry } from '../src/infrastructure/read-models/event-log';
import { isGatewayOnlyPath } from '../src/gateway.config';
import { analystMayReachService, departmentStaffMayReachService } from '../src/interface/http/route-policy';
import { forwardedUrl, isOperationalPath } from '../src/interface/http/service-paths';

let version = 0;
function entry(type: string, place: { districtId: string; zoneId?: string }, data: Record<string, unknown>, aggregateType = 'Member', subject = 'mem-1'): EventLogEntry {
  version += 1;
  return {
    _id: `e${version}`,
    type,
    context: type.split('.')[0],
    subject,
    aggregateType,
    version,
    time: new Date(),
    districtId: place.districtId,
    zoneId: place.zoneId ?? '',
    actorId: 'u',
    correlationId: 'c',
    data,
  };
}

const districtAdmin = (districtId: string): Actor => ({ userId: 'a', role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId } });

describe('need-to-know: a record is judged by where it is now and whose it is', () => {
  const transferred = () => {
    version = 0;
    return [
      entry('membership.MemberRegistered.v1', { districtId: 'a', zoneId: 'za' }, { organizationId: 'org-a', districtId: 'a', subDistrictId: 'sa' }),
      entry('membership.MemberTransferRequested.v1', { districtId: 'a', zoneId: 'za' }, {}),
      entry(
        'membership.MemberTransferCompleted.v1',
        { districtId: 'b', zoneId: 'zb' },
        { fromOrganizationId: 'org-a', toOrganizationId: 'org-b', districtId: 'b', subDistrictId: 'sb' },
      ),
      entry('membership.FloatingMemberCheckedIn.v1', { districtId: 'c', zoneId: 'zc' }, { organizationId: 'org-c' }),
    ];
  };

  it('places a transferred member with the receiving side (a floating check-in does not move it)', () => {
    const standing = standingOf(transferred());
    expect(standing.jurisdiction).toEqual({ districtId: 'b', subDistrictId: 'sb', zoneId: 'zb' });
    expect(standing.organizationIds).toEqual(['org-b', 'org-c']);
    expect(recordRefusal(districtAdmin('b'), standing)).toBeNull();
    expect(recordRefusal(districtAdmin('a'), standing)).toMatch(/不在您的管辖范围内/);
    const oldSecretary: Actor = { userId: 's', role: 'ORG_SECRETARY', scope: { level: 'DISTRICT', districtId: 'b' }, organizationId: 'org-a' };
    expect(recordRefusal(oldSecretary, standing)).toMatch(/不属于您的党组织/);
  });

  it('gives a record to the enterprise its creation names, and a service day to none', () => {
    version = 0;
    const request = [entry('enterprise.ServiceRequestSubmitted.v1', { districtId: 'a', zoneId: 'za' }, { creditCode: 'C1' }, 'ServiceRequest', 'req-1')];
    const day = [
      entry('enterprise.ServiceDayScheduled.v1', { districtId: 'a', zoneId: 'za' }, {}, 'ServiceDay', 'sd-1'),
      entry('enterprise.ServiceDayIssueRaised.v1', { districtId: 'a', zoneId: 'za' }, { creditCode: 'C1' }, 'ServiceDay', 'sd-1'),
    ];
    const contact: Actor = { userId: 'c', role: 'ENTERPRISE_CONTACT', scope: { level: 'ZONE', districtId: 'a', zoneId: 'za' }, enterpriseCode: 'C1' };
    expect(recordRefusal(contact, standingOf(request))).toBeNull();
    expect(recordRefusal({ ...contact, enterpriseCode: 'C2' }, standingOf(request))).toMatch(/不属于您所在的企业/);
    expect(recordRefusal(contact, standingOf(day))).toMatch(/不属于您所在的企业/);
  });
});

describe('route policy: what the proxy forwards is what is checked', () => {
  const target = (url: string) => forwardedUrl('http://svc:3001', url, 'membership')!.path;

  it('finds a service’s operational routes however the path is spelled', () => {
    for (const url of [
      '/api/membership/metrics',
      '/api/membership/x/../metrics',
      '/api/membership/x/%2e%2e/metrics',
      '/api/membership/%6detrics',
      '/api/membership/METRICS',
      '/api/membership//docs-json',
      '/api/membership/health/ready',
    ])
      expect({ url, operational: isOperationalPath(target(url)) }).toEqual({ url, operational: true });
    expect(isOperationalPath(target('/api/membership/members?x=/metrics'))).toBe(false);
  });

  it('lets analysts reach the figures only, by GET', () => {
    expect(analystMayReachService('enterprise', 'GET', '/zones/z1/figures')).toBe(true);
    expect(analystMayReachService('enterprise', 'GET', '/ZONES/z1/figures/')).toBe(true);
    expect(analystMayReachService('enterprise', 'POST', '/zones/z1/figures')).toBe(false);
    expect(analystMayReachService('enterprise', 'GET', '/zones/z1%2F..%2Fx/figures')).toBe(false);
    expect(analystMayReachService('membership', 'GET', '/members')).toBe(false);
    expect(analystMayReachService('membership', 'GET', '/zones/z1/figures')).toBe(false);
    expect(analystMayReachService('constructor', 'GET', '/zones/z1/figures')).toBe(false);
  });

  it('lets department staff reach the cases and their handling only', () => {
    const may = departmentStaffMayReachService;
    expect(may('governance', 'GET', '/cases')).toBe(true);
    expect(may('governance', 'GET', '/cases/c1')).toBe(true);
    expect(may('governance', 'GET', '/cases/c1/timeline')).toBe(true);
    expect(may('governance', 'POST', '/cases/c1/handle')).toBe(true);
    expect(may('governance', 'POST', '/cases/c1/return')).toBe(true);
    for (const [service, method, path] of [
      ['governance', 'POST', '/cases'],
      ['governance', 'POST', '/cases/c1/dispatch'],
      ['governance', 'POST', '/cases/c1/verify'],
      ['governance', 'POST', '/cases/c1/accept'],
      ['governance', 'GET', '/cases/c1%2F..%2F..%2Fgrid-workers'],
      ['governance', 'GET', '/grid-workers'],
      ['governance', 'GET', '/mediations'],
      ['governance', 'GET', '/departments'],
      ['membership', 'GET', '/members'],
      ['enterprise', 'GET', '/cases'],
      ['constructor', 'GET', '/cases'],
    ])
      expect({ service, method, path, may: may(service, method, path) }).toEqual({ service, method, path, may: false });
  });

  it('lets every role, analysts and department staff included, reach their own notifications and nothing else of the service', () => {
    for (const may of [analystMayReachService, departmentStaffMayReachService]) {
      for (const [method, path] of [
        ['GET', '/notifications'],
        ['GET', '/notifications/unread-count'],
        ['GET', '/notifications/stream'],
        ['GET', '/notifications/preferences'],
        ['PUT', '/notifications/preferences'],
        ['POST', '/notifications/read'],
        ['POST', '/notifications/n1/read'],
        ['POST', '/notifications/n1/dismiss'],
      ])
        expect({ method, path, may: may('notifications', method, path) }).toEqual({ method, path, may: true });
      for (const [method, path] of [
        ['PUT', '/recipients/u1'],
        ['DELETE', '/notifications/n1'],
        ['GET', '/notifications/n1%2F..%2F..%2Frecipients'],
        ['POST', '/notifications'],
      ])
        expect({ method, path, may: may('notifications', method, path) }).toEqual({ method, path, may: false });
    }
  });

  it('never routes the routes a service offers the gateway alone, however spelled', () => {
    for (const path of ['/recipients/u1', '//recipients/u1', '/%72ecipients/u1', '/RECIPIENTS/u1', '/recipients'])
      expect({ path, only: isGatewayOnlyPath('notifications', path) }).toEqual({ path, only: true });
    expect(isGatewayOnlyPath('notifications', '/notifications/recipients')).toBe(false);
    expect(isGatewayOnlyPath('membership', '/recipients/u1')).toBe(false);
  });
});
