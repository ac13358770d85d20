import { Case } from '../../domain/case/case';

export type CaseView = Case & { version: number };
