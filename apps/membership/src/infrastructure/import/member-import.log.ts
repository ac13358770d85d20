import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Schema } from 'mongoose';

export const MEMBER_IMPORT_LOG = 'MemberImportLog';

/**
 * What became of an import: `RUNNING` while it runs, `DONE` with its counts, `FAILED` when it
 * stopped on an error (a file that is not CSV, say), `RATE_LIMITED` / `TOO_LARGE` when it was
 * refused before any row was looked at.
 */
export const IMPORT_OUTCOMES = ['RUNNING', 'DONE', 'FAILED', 'RATE_LIMITED', 'TOO_LARGE'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

/**
 * One bulk import attempt, the audit record of it: who, when, how many rows, outcome and counts.
 * No rows, no names, no numbers (personal data never enters it).
 */
export interface MemberImportLog {
  _id: string;
  importedBy: string;
  role: string;
  startedAt: Date;
  /** Data rows of the file (the header is not one). */
  rows: number;
  outcome: ImportOutcome;
  durationMs?: number;
  total?: number;
  imported?: number;
  existing?: number;
  failed?: number;
  rowsPerSecond?: number;
}

export const MemberImportLogSchema = new Schema<MemberImportLog>(
  {
    _id: { type: String, required: true },
    importedBy: { type: String, required: true },
    role: { type: String, required: true },
    startedAt: { type: Date, required: true },
    rows: { type: Number, required: true },
    outcome: { type: String, required: true, enum: IMPORT_OUTCOMES },
    durationMs: Number,
    total: Number,
    imported: Number,
    existing: Number,
    failed: Number,
    rowsPerSecond: Number,
  },
  { collection: 'member_imports', versionKey: false },
);
// The rate limit reads one user's recent imports: an equality on the user first (FerretDB serves it from the index).
MemberImportLogSchema.index({ importedBy: 1, startedAt: 1 });

/** Outcomes that never looked at a row: they do not count against the user's hourly rows. */
const NOT_RUN: ImportOutcome[] = ['RATE_LIMITED', 'TOO_LARGE'];

/**
 * The import audit log, also the memory of the per-user rate limit: it lives in the database,
 * so every replica of membership counts the same imports.
 */
@Injectable()
export class MemberImports {
  constructor(@InjectModel(MEMBER_IMPORT_LOG) private readonly log: Model<MemberImportLog>) {}

  /** Records an attempt before it runs (so parallel attempts see each other). */
  async begin(entry: Pick<MemberImportLog, '_id' | 'importedBy' | 'role' | 'startedAt' | 'rows'>): Promise<void> {
    await this.log.create({ ...entry, outcome: 'RUNNING' });
  }

  /** The user's attempts since `since` that ran (or are running), oldest first, with their rows. */
  async recent(importedBy: string, since: Date): Promise<{ _id: string; startedAt: Date; rows: number }[]> {
    const found = await this.log
      .find({ importedBy, startedAt: { $gte: since } }, { startedAt: 1, rows: 1, outcome: 1 })
      .lean<Pick<MemberImportLog, '_id' | 'startedAt' | 'rows' | 'outcome'>[]>()
      .exec();
    return found
      .filter((e) => !NOT_RUN.includes(e.outcome))
      .map((e) => ({ _id: e._id, startedAt: new Date(e.startedAt), rows: e.rows }))
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a._id.localeCompare(b._id));
  }

  async finish(
    id: string,
    outcome: ImportOutcome,
    figures: Partial<Pick<MemberImportLog, 'durationMs' | 'total' | 'imported' | 'existing' | 'failed' | 'rowsPerSecond'>> = {},
  ): Promise<void> {
    await this.log.updateOne({ _id: id }, { $set: { outcome, ...figures } }).exec();
  }
}
