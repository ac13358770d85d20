// Demo data of the membership context (组织共建): the jurisdiction tree, the article's
// Party organizations (太白楼路商圈's 25, 仙营街道's "two new" organizations and the
// 海能电商园 joint committee, the 济宁软件园 joint committee), terms, instructors,
// three-in-one formations, mass organizations and 太白楼路商圈党建联盟 with its council.
// Members come from membership-members.mjs when it is there. Everything has a fixed
// id (membership-ids.mjs), so a second run finds it all there (409) and adds nothing.
import { seedBuildings } from './membership-buildings.mjs';
import { ALLIANCE, DESIGNATIONS, GUIDANCE_VISITS, ids, INSTRUCTORS, JURISDICTIONS, MASS_ORGANIZATIONS, ORGANIZATIONS, TERMS, THREE_IN_ONE } from './membership-ids.mjs';

export { ids };

/**
 * `withMembers: false` loads only jurisdictions, organizations and the alliance (used by the seed's own test);
 * `memberSizes` narrows the members loaded (see seedMembers).
 */
export async function seed(client, { withMembers = true, memberSizes } = {}) {
  const { call, log } = client;

  for (const jurisdiction of JURISDICTIONS) await call('POST', '/membership/jurisdictions', jurisdiction);
  for (const { zoneId, ...flags } of DESIGNATIONS) await call('PATCH', `/membership/jurisdictions/${zoneId}/designation`, flags);
  log(`  ${JURISDICTIONS.length} jurisdictions`);

  for (const organization of ORGANIZATIONS) await call('POST', '/membership/organizations', organization);
  log(`  ${ORGANIZATIONS.length} organizations (${ORGANIZATIONS.filter((o) => o.zoneId === ids.zones.taibailou).length} in 太白楼路商圈)`);

  // 楼宇、综合体 of 太白楼路商圈 and the organizations in them (membership-buildings.mjs).
  await seedBuildings(client);

  for (const [organizationId, termStart, termEnd] of TERMS) await call('POST', `/membership/organizations/${organizationId}/terms`, { termStart, termEnd });
  await seedInstructors(client);
  for (const { organizationId, ...formation } of THREE_IN_ONE) await call('PUT', `/membership/organizations/${organizationId}/three-in-one`, formation);
  for (const mass of MASS_ORGANIZATIONS) await call('POST', '/membership/mass-organizations', mass);

  const { allianceId, members, departments, ...alliance } = ALLIANCE;
  await call('POST', '/membership/alliances', { allianceId, ...alliance });
  for (const organizationId of members) await call('POST', `/membership/alliances/${allianceId}/members`, { organizationId, joinedOn: alliance.formedOn });
  for (const { departmentId, name } of departments) await call('POST', `/membership/alliances/${allianceId}/departments`, { departmentId, name });
  log(`  ${ALLIANCE.name}: ${members.length} member organizations, council with ${departments.length} departments`);

  const m = withMembers ? await import('./membership-members.mjs').catch(() => null) : null;
  if (m) {
    await m.seedMembers(client, ids, { sizes: memberSizes });
    await appointFromMembers(client);
  }
  // 换届提醒 for terms ending within 90 days of today; safe to repeat.
  const swept = await call('POST', '/membership/organizations/term-reminders/sweep', {});
  if (swept?.reminded?.length) log(`  换届提醒: ${swept.reminded.length} organizations`);
}

/** 党建指导员: registered first (assigning checks the registration), assigned, a few 指导记录. */
async function seedInstructors({ call, log }) {
  for (const { organizations, ...instructor } of INSTRUCTORS) {
    await call('POST', '/membership/instructors', instructor);
    for (const organizationId of organizations)
      await call('POST', `/membership/organizations/${organizationId}/instructors`, { instructorId: instructor.instructorId, assignedOn: '2024-03-01' });
  }
  for (const { instructorId, ...visit } of GUIDANCE_VISITS) await call('POST', `/membership/instructors/${instructorId}/visits`, visit);
  log(`  ${INSTRUCTORS.length} instructors, ${GUIDANCE_VISITS.length} guidance visits`);
}

/** Secretaries and council department heads are full local members of their organizations (not floating ones): picked once members exist. */
async function appointFromMembers({ call, log }) {
  const firstMemberOf = async (organizationId) => {
    try {
      const page = await call('GET', `/membership/members?organizationId=${organizationId}&status=FULL&floating=false&limit=1`, undefined, { retryFor: 0 });
      return (Array.isArray(page) ? page : (page?.items ?? []))[0]?.memberId ?? null;
    } catch {
      return null;
    }
  };
  let secretaries = 0;
  for (const { organizationId } of ORGANIZATIONS) {
    const memberId = await firstMemberOf(organizationId);
    if (memberId && (await call('PUT', `/membership/organizations/${organizationId}/secretary`, { secretaryMemberId: memberId, appointedOn: '2024-03-01' }))) secretaries += 1;
  }
  for (const { departmentId, headOrganizationId } of ALLIANCE.departments) {
    const memberId = await firstMemberOf(headOrganizationId);
    if (memberId) await call('PUT', `/membership/alliances/${ALLIANCE.allianceId}/departments/${departmentId}/head`, { headMemberId: memberId });
  }
  log(`  ${secretaries} secretaries appointed`);
}
