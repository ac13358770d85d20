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
