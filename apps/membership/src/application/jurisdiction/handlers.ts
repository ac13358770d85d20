import { DesignateZoneHandler } from './designate-zone.command';
import { GetJurisdictionStatisticsHandler } from './get-jurisdiction-statistics.query';
import { GetJurisdictionTreeHandler } from './get-jurisdiction-tree.query';
import { GetJurisdictionHandler } from './get-jurisdiction.query';
import { ListJurisdictionsHandler } from './list-jurisdictions.query';
import { RegisterJurisdictionHandler } from './register-jurisdiction.command';
import { RenameJurisdictionHandler } from './rename-jurisdiction.command';

/** 辖区 jurisdictions: the handlers of every use case. */
export const JURISDICTION_HANDLERS = [
  DesignateZoneHandler,
  RegisterJurisdictionHandler,
  RenameJurisdictionHandler,
  GetJurisdictionStatisticsHandler,
  GetJurisdictionTreeHandler,
  GetJurisdictionHandler,
  ListJurisdictionsHandler,
];
