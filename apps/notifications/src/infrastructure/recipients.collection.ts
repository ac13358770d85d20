import { Schema } from 'mongoose';

export const RECIPIENTS = 'Recipient';

/** A user the service knows (from the gateway, or from the user's own calls), so channels can deliver per person. */
export interface Recipient {
  _id: string;
  audiences: string[];
  districtId: string | null;
  active: boolean;
  updatedAt: Date;
}

export const RecipientSchema = new Schema<Recipient>(
  {
    _id: String,
    audiences: [String],
    districtId: { type: String, default: null },
    active: { type: Boolean, default: true },
    updatedAt: Date,
  },
  { collection: 'recipients', versionKey: false, minimize: false },
);
RecipientSchema.index({ audiences: 1 });
