import { GetEnterpriseHandler } from './get-enterprise.query';
import { ListEnterprisesHandler } from './list-enterprises.query';
import { RegisterEnterpriseHandler } from './register-enterprise.command';
import { UpdateEnterpriseProfileHandler } from './update-enterprise-profile.command';

/** 企业 enterprises: the handlers of every use case. */
export const ENTERPRISE_HANDLERS = [RegisterEnterpriseHandler, UpdateEnterpriseProfileHandler, GetEnterpriseHandler, ListEnterprisesHandler];
