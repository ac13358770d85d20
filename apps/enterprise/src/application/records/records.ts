import { FinancingMatches, FinancingNeeds, LoanProducts, MakerSpaces, MentoringMatches, Mentors, Policies, PolicyMatches, ServiceDays, Startups } from '../../infrastructure/aggregates';

/** Snapshot collections read as plain lists (the others have queries of their own). */
export const RECORDS = {
  serviceDay: ServiceDays,
  loanProduct: LoanProducts,
  financingNeed: FinancingNeeds,
  financingMatch: FinancingMatches,
  policy: Policies,
  policyMatch: PolicyMatches,
  mentor: Mentors,
  mentoringMatch: MentoringMatches,
  makerSpace: MakerSpaces,
  startup: Startups,
} as const;

export type RecordKind = keyof typeof RECORDS;

export interface Page<T> {
  items: T[];
  next: string | null;
}

export type Row = Record<string, unknown> & { _id: string };
