// Event contracts of the enterprise context 资源共享、互利共赢; each file defines its events with defineEvent().
export { REQUEST_CATEGORIES, DEPARTMENTS, CATEGORY_NAMES, DEPARTMENT_NAMES, ENTERPRISE_SIZES, SERVICE_TARGETS, CREDIT_CODE_PATTERN } from './common';
export type { RequestCategory, Department, EnterpriseSize, ServiceTarget } from './common';
export * from './enterprise-events';
export * from './request-events';
export * from './service-day-events';
export * from './financing-events';
export * from './policy-events';
export * from './mentoring-events';
