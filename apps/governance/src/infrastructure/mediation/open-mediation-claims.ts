import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Schema } from 'mongoose';
import { isDuplicateKey } from '@pb/platform/duplicate-key';

export const OPEN_MEDIATION_CLAIM = 'OpenMediationClaim';

/**
 * 一案一调: a case's one slot for an open mediation, `_id` the case id. Mediations are aggregates of
 * their own, so two openings of one case at once append to two different streams and the event
 * store's version index does not stop the second; the unique `_id` here does (an insert, never a
 * read-then-write: FerretDB 1.x runs a conditional update as a read followed by a write).
 */
export interface OpenMediationClaim {
  _id: string;
  mediationId: string;
  claimedAt: Date;
}

export const OpenMediationClaimSchema = new Schema<OpenMediationClaim>(
  {
    _id: { type: String, required: true },
    mediationId: { type: String, required: true },
    claimedAt: { type: Date, required: true },
  },
  { collection: 'open_mediation_claims', versionKey: false },
);

/** What a claim attempt did: took the slot, found it already this mediation's, or found another holder. */
export type ClaimResult = { taken: true; inserted: boolean } | { taken: false; holder: OpenMediationClaim };

@Injectable()
export class OpenMediationClaims {
  constructor(@InjectModel(OPEN_MEDIATION_CLAIM) private readonly claims: Model<OpenMediationClaim>) {}

  holder(caseId: string): Promise<OpenMediationClaim | null> {
    return this.claims.findById(caseId).lean<OpenMediationClaim>().exec();
  }

  async claim(caseId: string, mediationId: string, now: Date): Promise<ClaimResult> {
    try {
      await this.claims.create({ _id: caseId, mediationId, claimedAt: now });
      return { taken: true, inserted: true };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const holder = await this.holder(caseId);
    // Released between our insert and this read: the caller tries again.
    if (!holder) return { taken: false, holder: { _id: caseId, mediationId: '', claimedAt: now } };
    return holder.mediationId === mediationId ? { taken: true, inserted: false } : { taken: false, holder };
  }

  /** Frees the slot if this mediation still holds it (it ended, or its opening failed). */
  async release(caseId: string, mediationId: string): Promise<void> {
    await this.claims.deleteOne({ _id: caseId, mediationId }).exec();
  }
}
