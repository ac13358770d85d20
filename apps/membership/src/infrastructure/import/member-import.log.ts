import { Schema } from 'mongoose';

export const MEMBER_IMPORT_LOG = 'MemberImportLog';

/** One bulk import's outcome (counts and speed only: no rows, no personal data). */
export interface MemberImportLog {
  _id: string;
  importedBy: string;
  startedAt: Date;
  durationMs: number;
  total: number;
  imported: number;
  existing: number;
  failed: number;
  rowsPerSecond: number;
}

export const MemberImportLogSchema = new Schema<MemberImportLog>(
  {
    _id: { type: String, required: true },
    importedBy: { type: String, required: true },
    startedAt: { type: Date, required: true },
    durationMs: Number,
    total: Number,
    imported: Number,
    existing: Number,
    failed: Number,
    rowsPerSecond: Number,
  },
  { collection: 'member_imports', versionKey: false },
);
