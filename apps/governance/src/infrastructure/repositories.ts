import { Case, evolveCase } from '../domain/case/case';
import { DeadlinePolicy, evolveDeadlinePolicy } from '../domain/case/deadline-policy';
import { Committee, CommitteeMeeting, evolveCommittee, evolveMeeting, evolveResolution, Resolution } from '../domain/committee/committee';
import { Department, evolveDepartment, evolveGrid, evolveGridWorker, Grid, GridWorker } from '../domain/grid/grid';
import { evolveMediation, Mediation } from '../domain/mediation/mediation';
import { evolveCampaign, OutreachCampaign } from '../domain/outreach/campaign';
import { aggregateRepository } from './aggregates';
import { SNAPSHOTS } from './snapshots';

export class CaseRepository extends aggregateRepository<Case>('Case', SNAPSHOTS.case, evolveCase) {}
export class DeadlinePolicyRepository extends aggregateRepository<DeadlinePolicy>('DeadlinePolicy', SNAPSHOTS.deadlinePolicy, evolveDeadlinePolicy) {}
export class GridRepository extends aggregateRepository<Grid>('Grid', SNAPSHOTS.grid, evolveGrid) {}
export class GridWorkerRepository extends aggregateRepository<GridWorker>('GridWorker', SNAPSHOTS.gridWorker, evolveGridWorker) {}
export class DepartmentRepository extends aggregateRepository<Department>('Department', SNAPSHOTS.department, evolveDepartment) {}
export class CommitteeRepository extends aggregateRepository<Committee>('Committee', SNAPSHOTS.committee, evolveCommittee) {}
export class MeetingRepository extends aggregateRepository<CommitteeMeeting>('CommitteeMeeting', SNAPSHOTS.meeting, evolveMeeting) {}
export class ResolutionRepository extends aggregateRepository<Resolution>('Resolution', SNAPSHOTS.resolution, evolveResolution) {}
export class MediationRepository extends aggregateRepository<Mediation>('Mediation', SNAPSHOTS.mediation, evolveMediation) {}
export class CampaignRepository extends aggregateRepository<OutreachCampaign>('OutreachCampaign', SNAPSHOTS.campaign, evolveCampaign) {}

export const REPOSITORIES = [
  CaseRepository,
  DeadlinePolicyRepository,
  GridRepository,
  GridWorkerRepository,
  DepartmentRepository,
  CommitteeRepository,
  MeetingRepository,
  ResolutionRepository,
  MediationRepository,
  CampaignRepository,
];
