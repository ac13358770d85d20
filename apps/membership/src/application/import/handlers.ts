import { ImportMembersHandler } from './import-members.command';

/** 批量导入 the member import: the handlers of every use case. */
export const IMPORT_HANDLERS = [ImportMembersHandler];
