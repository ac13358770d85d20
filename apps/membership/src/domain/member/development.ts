import type { DevelopmentStage } from '@pb/contracts';

/** 发展党员: each stage has exactly one next stage. */
export const NEXT_STAGE: Record<DevelopmentStage, DevelopmentStage | null> = {
  APPLICANT: 'ACTIVIST',
  ACTIVIST: 'DEVELOPMENT_TARGET',
  DEVELOPMENT_TARGET: 'PROBATIONARY',
  PROBATIONARY: 'FULL',
  FULL: null,
};

export const STAGE_NAMES: Record<DevelopmentStage, string> = {
  APPLICANT: '入党申请人',
  ACTIVIST: '入党积极分子',
  DEVELOPMENT_TARGET: '发展对象',
  PROBATIONARY: '预备党员',
  FULL: '正式党员',
};

export function canAdvance(from: DevelopmentStage, to: DevelopmentStage): boolean {
  return NEXT_STAGE[from] === to;
}

/** "当前阶段为「入党积极分子」(ACTIVIST)，下一步只能是「发展对象」(DEVELOPMENT_TARGET)" */
export function describeTransition(from: DevelopmentStage): string {
  const next = NEXT_STAGE[from];
  const current = `当前阶段为「${STAGE_NAMES[from]}」(${from})`;
  return next ? `${current}，下一步只能是「${STAGE_NAMES[next]}」(${next})` : `${current}，发展流程已完成，没有下一步`;
}

// ---------------------------------------------------------------- the steps between the stages 发展党员的程序

/** What the pipeline has recorded between the stages; absent (undefined) on records from before these steps. */
export interface DevelopmentSteps {
  /** 集中培训 */
  training: { completedOn: string; hours: number | null; certificateId: string | null } | null;
  /** 政治审查合格 */
  politicalReview: { passedOn: string; reviewingOrganizationId: string } | null;
  /** 公示 */
  notice: { startsOn: string; endsOn: string; workingDays: number } | null;
  /** 上级党委审批 */
  approval: { approvedOn: string; approvingOrganizationId: string } | null;
  /** 入党宣誓 */
  oathOn: string | null;
  /** 延长预备期 (once) */
  probationExtension: { extendedOn: string; months: number; probationEndsOn: string; reason: string; approvingOrganizationId: string } | null;
}

export const NO_STEPS: DevelopmentSteps = { training: null, politicalReview: null, notice: null, approval: null, oathOn: null, probationExtension: null };

export type PipelineExitKind = 'WITHDRAWN' | 'REJECTED' | 'CANCELLED';

/** 退出发展流程: 本人撤回申请, 不予接收, or 取消预备党员资格. Final: no step follows. */
export interface PipelineExit {
  kind: PipelineExitKind;
  on: string;
  stage: DevelopmentStage;
  reason: string | null;
}

export const EXIT_NAMES: Record<PipelineExitKind, string> = { WITHDRAWN: '本人撤回入党申请', REJECTED: '不予接收', CANCELLED: '取消预备党员资格' };

/** Working days (Monday to Friday) from `from` to `to`, both included; public holidays are not known here. */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  const day = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  while (day <= end && count < 1000) {
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) count += 1;
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return count;
}

/** The same calendar day `months` later (the last day of a shorter month). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, d));
  if (target.getUTCDate() !== d) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/**
 * What is missing before a development target may be admitted as probationary member on `on`
 * (接收为预备党员): training, political review, a public notice that has ended, the committee
 * above's approval. In the order the rules list them; empty when nothing is missing.
 */
export function missingForProbationary(steps: DevelopmentSteps, on: string): string[] {
  const missing: string[] = [];
  if (!steps.training) missing.push('集中培训（training）');
  if (!steps.politicalReview) missing.push('政治审查（political-review）');
  if (!steps.notice) missing.push('公示（public-notice）');
  else if (on <= steps.notice.endsOn) missing.push(`公示期满（公示至 ${steps.notice.endsOn}，接收日期须晚于此日）`);
  if (!steps.approval) missing.push('上级党委审批（approval）');
  return missing;
}
