import { GetRecordHandler } from './get-record.query';
import { ListRecordsHandler } from './list-records.query';

/** Records read by id, and plain lists: the handlers. */
export const RECORDS_HANDLERS = [GetRecordHandler, ListRecordsHandler];
