import { defineAggregate, ownJurisdiction } from '@pb/messaging';
import { Case, evolveCase } from '../domain/case/case';
import { DeadlinePolicy, evolveDeadlinePolicy } from '../domain/case/deadline-policy';
import { Committee, CommitteeMeeting, evolveCommittee, evolveMeeting, evolveResolution, Resolution } from '../domain/committee/committee';
import { Department, evolveDepartment, evolveGrid, evolveGridWorker, Grid, GridWorker } from '../domain/grid/grid';
import { evolveMediation, Mediation } from '../domain/mediation/mediation';
import { evolveCampaign, OutreachCampaign } from '../domain/outreach/campaign';

const PLACE = { districtId: 1, subDistrictId: 1, zoneId: 1 } as const;

/** 案件 */
export const Cases = defineAggregate<Case>({
  type: 'Case',
  evolve: evolveCase,
  collection: 'cases',
  indexes: [
    { districtId: 1, zoneId: 1, status: 1 },
    { reportedAt: -1, _id: -1 },
    { zoneId: 1, reportedAt: -1 },
    { gridId: 1, reportedAt: -1 },
    { workerId: 1, status: 1 },
    { status: 1, dueAt: 1 },
    { 'handledBy.id': 1 },
    // 上报到本级: equality on the level and jurisdiction first, as FerretDB serves it from an index.
    { escalationLevel: 1, escalatedTo: 1, reportedAt: -1 },
  ],
  jurisdiction: ownJurisdiction,
});

/** 办理时限 of a district */
export const DeadlinePolicies = defineAggregate<DeadlinePolicy>({
  type: 'DeadlinePolicy',
  evolve: evolveDeadlinePolicy,
  collection: 'deadline_policies',
  jurisdiction: ownJurisdiction,
});

/** 网格 */
export const Grids = defineAggregate<Grid>({
  type: 'Grid',
  evolve: evolveGrid,
  collection: 'grids',
  // The grids covering a building (GET /grids?buildingId=).
  indexes: [PLACE, { buildingIds: 1 }],
  jurisdiction: ownJurisdiction,
});

/** 网格员 */
export const GridWorkers = defineAggregate<GridWorker>({
  type: 'GridWorker',
  evolve: evolveGridWorker,
  collection: 'grid_workers',
  indexes: [PLACE, { gridIds: 1 }, { zoneId: 1, _id: 1 }],
  jurisdiction: ownJurisdiction,
});

/** 职能部门 */
export const Departments = defineAggregate<Department>({
  type: 'Department',
  evolve: evolveDepartment,
  collection: 'departments',
  indexes: [{ districtId: 1 }],
  jurisdiction: ownJurisdiction,
});

/** 共治委员会 */
export const Committees = defineAggregate<Committee>({
  type: 'Committee',
  evolve: evolveCommittee,
  collection: 'committees',
  indexes: [PLACE],
  jurisdiction: ownJurisdiction,
});

/** 共治会议 */
export const Meetings = defineAggregate<CommitteeMeeting>({
  type: 'CommitteeMeeting',
  evolve: evolveMeeting,
  collection: 'committee_meetings',
  indexes: [{ committeeId: 1, scheduledAt: -1 }, PLACE],
  jurisdiction: ownJurisdiction,
});

/** 决议 */
export const Resolutions = defineAggregate<Resolution>({
  type: 'Resolution',
  evolve: evolveResolution,
  collection: 'resolutions',
  indexes: [{ committeeId: 1 }, { meetingId: 1 }, PLACE],
  jurisdiction: ownJurisdiction,
});

/** 调解 */
export const Mediations = defineAggregate<Mediation>({
  type: 'Mediation',
  evolve: evolveMediation,
  collection: 'mediations',
  indexes: [{ caseId: 1 }, PLACE, { zoneId: 1, _id: 1 }],
  jurisdiction: ownJurisdiction,
});

/** 宣传活动 */
export const Campaigns = defineAggregate<OutreachCampaign>({
  type: 'OutreachCampaign',
  evolve: evolveCampaign,
  collection: 'outreach_campaigns',
  indexes: [PLACE, { startsOn: -1, _id: -1 }],
  jurisdiction: ownJurisdiction,
});

export const GOVERNANCE_AGGREGATES = [Cases, DeadlinePolicies, Grids, GridWorkers, Departments, Committees, Meetings, Resolutions, Mediations, Campaigns];
