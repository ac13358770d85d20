import { GetComplianceReportHandler } from './get-compliance-report.query';
import { SweepOverdueOrganizationLifeHandler } from './sweep-overdue-organization-life.command';

/** 组织生活合规 organization life: the handlers of every use case. */
export const COMPLIANCE_HANDLERS = [SweepOverdueOrganizationLifeHandler, GetComplianceReportHandler];
