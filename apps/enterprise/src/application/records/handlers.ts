import { GetRecordHandler } from './get-record.query';
import { ListRecordsHandler } from './list-records.query';

/** Plain lists and lookups of the records without queries of their own: the handlers. */
export const RECORDS_HANDLERS = [GetRecordHandler, ListRecordsHandler];
