import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model, Schema } from 'mongoose';

export const ID_NUMBER_REVEAL = 'IdNumberReveal';

/**
 * 查看完整身份证号的留痕: one clear view of a member's ID and phone numbers (`reveal=true`).
 * Who, when, which member (its id, never the number) and where the member belongs, so
 * that administrators read only the records of their own jurisdiction.
 */
export interface IdNumberReveal {
  _id: string;
  /**
   * What was done with the number: absent or VIEWED for a clear view, CORRECTED for 更正身份证号
   * (which also shows it), CORRECTION_REFUSED for an attempt that changed nothing (its 409 still
   * told whether the number is on record elsewhere, so the attempt stays audited).
   */
  action?: 'VIEWED' | 'CORRECTED' | 'CORRECTION_REFUSED';
  revealedBy: string;
  role: string;
  revealedAt: Date;
  memberId: string;
  organizationId: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
}

export const IdNumberRevealSchema = new Schema<IdNumberReveal>(
  {
    _id: { type: String, required: true },
    action: { type: String, default: 'VIEWED' },
    revealedBy: { type: String, required: true },
    role: { type: String, required: true },
    revealedAt: { type: Date, required: true },
    memberId: { type: String, required: true },
    organizationId: { type: String, required: true },
    districtId: { type: String, required: true },
    subDistrictId: { type: String, required: true },
    zoneId: { type: String, default: null },
  },
  { collection: 'member_id_number_reveals', versionKey: false },
);
// Reads start from an equality (district, member or user) as FerretDB serves them from an index.
IdNumberRevealSchema.index({ districtId: 1, revealedAt: 1 });
IdNumberRevealSchema.index({ memberId: 1 });
IdNumberRevealSchema.index({ revealedBy: 1 });

export type IdNumberRevealFilter = Partial<Record<'memberId' | 'revealedBy' | 'districtId' | 'subDistrictId' | 'zoneId', string>>;

@Injectable()
export class IdNumberReveals {
  constructor(@InjectModel(ID_NUMBER_REVEAL) private readonly reveals: Model<IdNumberReveal>) {}

  async record(entry: IdNumberReveal): Promise<void> {
    await this.reveals.create(entry);
  }

  /** An attempted correction that changed nothing: its entry says so rather than CORRECTED. */
  async refused(id: string): Promise<void> {
    await this.reveals.updateOne({ _id: id }, { $set: { action: 'CORRECTION_REFUSED' } }).exec();
  }

  /** Newest first, `before` an id of the previous page (ids sort by time: they start with it). */
  async list(filter: IdNumberRevealFilter, limit: number, before: string | null): Promise<IdNumberReveal[]> {
    const query: FilterQuery<IdNumberReveal> = {};
    for (const [key, value] of Object.entries(filter)) if (value !== undefined) (query as Record<string, unknown>)[key] = value;
    if (before) query._id = { $lt: before };
    return this.reveals.find(query).sort({ _id: -1 }).limit(limit).lean<IdNumberReveal[]>().exec();
  }
}
