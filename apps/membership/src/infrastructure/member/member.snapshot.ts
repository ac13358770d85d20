import { Schema } from 'mongoose';
import type { Member } from '../../domain/member/member';

export const MEMBER_SNAPSHOT = 'MemberSnapshot';

export type MemberSnapshot = Member & { _id: string; version: number; lastEventAt: Date };

const place = { type: String, default: null };

/** Current state of each member (no ID or phone number: those are in member_personal_data). */
export const MemberSnapshotSchema = new Schema<MemberSnapshot>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    name: { type: String, required: true },
    gender: { type: String, required: true },
    birthYear: { type: Number, required: true },
    stage: { type: String, required: true },
    status: { type: String, default: null },
    organizationId: { type: String, required: true },
    employerName: { type: String, default: null },
    employerCreditCode: { type: String, default: null },
    districtId: { type: String, required: true },
    subDistrictId: { type: String, required: true },
    zoneId: place,
    appliedOn: place,
    activistOn: place,
    developmentTargetOn: place,
    contactMemberIds: { type: [String], default: [] },
    introducerMemberIds: { type: [String], default: [] },
    joinedOn: place,
    admittedOn: place,
    isFloating: { type: Boolean, default: false },
    floating: { type: Schema.Types.Mixed, default: null },
    transfer: { type: Schema.Types.Mixed, default: null },
    registeredAt: { type: String, required: true },
    version: { type: Number, required: true },
    lastEventAt: { type: Date, required: true },
  },
  { collection: 'members', versionKey: false },
);
// Lists page through an organization's members in _id order.
MemberSnapshotSchema.index({ organizationId: 1, _id: 1 });
MemberSnapshotSchema.index({ 'floating.organizationId': 1, _id: 1 });
MemberSnapshotSchema.index({ zoneId: 1, status: 1 });
MemberSnapshotSchema.index({ 'floating.zoneId': 1 });
MemberSnapshotSchema.index({ 'transfer.toOrganizationId': 1 });
