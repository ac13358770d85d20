import { ModelDefinition } from '@nestjs/mongoose';
import { snapshotSchema } from './aggregates';

/** Model names of the snapshot collections (what queries read). */
export const SNAPSHOTS = {
  case: 'CaseSnapshot',
  deadlinePolicy: 'DeadlinePolicySnapshot',
  grid: 'GridSnapshot',
  gridWorker: 'GridWorkerSnapshot',
  department: 'DepartmentSnapshot',
  committee: 'CommitteeSnapshot',
  meeting: 'CommitteeMeetingSnapshot',
  resolution: 'ResolutionSnapshot',
  mediation: 'MediationSnapshot',
  campaign: 'OutreachCampaignSnapshot',
} as const;

const scoped = { districtId: 1, subDistrictId: 1, zoneId: 1 } as const;

export const SNAPSHOT_MODELS: ModelDefinition[] = [
  {
    name: SNAPSHOTS.case,
    schema: snapshotSchema('cases', [
      { districtId: 1, zoneId: 1, status: 1 },
      { reportedAt: -1, _id: -1 },
      { zoneId: 1, reportedAt: -1 },
      { gridId: 1, reportedAt: -1 },
      { workerId: 1, status: 1 },
      { status: 1, dueAt: 1 },
      { 'handledBy.id': 1 },
    ]),
  },
  { name: SNAPSHOTS.deadlinePolicy, schema: snapshotSchema('deadline_policies') },
  { name: SNAPSHOTS.grid, schema: snapshotSchema('grids', [scoped]) },
  { name: SNAPSHOTS.gridWorker, schema: snapshotSchema('grid_workers', [scoped, { gridIds: 1 }]) },
  { name: SNAPSHOTS.department, schema: snapshotSchema('departments', [{ districtId: 1 }]) },
  { name: SNAPSHOTS.committee, schema: snapshotSchema('committees', [scoped]) },
  { name: SNAPSHOTS.meeting, schema: snapshotSchema('committee_meetings', [{ committeeId: 1, scheduledAt: -1 }, scoped]) },
  { name: SNAPSHOTS.resolution, schema: snapshotSchema('resolutions', [{ committeeId: 1 }, { meetingId: 1 }, scoped]) },
  { name: SNAPSHOTS.mediation, schema: snapshotSchema('mediations', [{ caseId: 1 }, scoped]) },
  { name: SNAPSHOTS.campaign, schema: snapshotSchema('outreach_campaigns', [scoped]) },
];
