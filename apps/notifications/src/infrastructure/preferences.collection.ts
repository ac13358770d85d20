import { Schema } from 'mongoose';
import type { Channel } from '../domain/notification';

export const PREFERENCES = 'Preference';

/** One switch: a rule (or `*`, every rule) on one channel. In-app is always on, so it has none. */
export interface PreferenceEntry {
  rule: string;
  channel: Channel;
  enabled: boolean;
}

/** A user's channel preferences, `_id` = the user id. */
export interface Preferences {
  _id: string;
  entries: PreferenceEntry[];
  updatedAt?: Date;
}

export const PreferencesSchema = new Schema<Preferences>(
  {
    _id: String,
    entries: [{ _id: false, rule: String, channel: String, enabled: Boolean }],
    updatedAt: Date,
  },
  { collection: 'preferences', versionKey: false, minimize: false },
);
