import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Schema } from 'mongoose';
import type { KnownMember, KnownOrganization } from '../../domain/activity/activity';

/**
 * Local views of membership's organizations and members, built only from its events. Each
 * collection is fed by events that fully determine its versioned fields, so `applyIfNewer`
 * (keyed by the source aggregate id) keeps the newest even when events arrive out of order.
 */
export const VIEWS = {
  jurisdiction: 'JurisdictionView',
  organization: 'OrganizationView',
  member: 'MemberView',
  memberStatus: 'MemberStatusView',
  floating: 'FloatingView',
} as const;

const base = { _id: String, version: Number };

export interface JurisdictionView { _id: string; level: string; name: string; parentId: string | null; districtId: string | null; subDistrictId: string | null; zoneId: string | null; zoneKind: string | null; version: number }
/** name is the only field that changes after registration (OrganizationRenamed); the rest is set once. */
export interface OrganizationView { _id: string; name?: string; type?: string; parentId?: string | null; districtId?: string; subDistrictId?: string; zoneId?: string | null; registeredAt?: string; version: number }
/** Placement (organization and jurisdiction) follows MemberRegistered / MemberTransferCompleted by version; name is personal data and stays here. */
export interface MemberView { _id: string; name?: string; organizationId: string; districtId: string; subDistrictId: string; zoneId: string | null; version: number }
export interface MemberStatusView { _id: string; status: 'FULL' | 'PROBATIONARY'; version: number }
export interface FloatingView { _id: string; organizationId: string; active: boolean; version: number }

export const VIEW_SCHEMAS = [
  { name: VIEWS.jurisdiction, schema: new Schema({ ...base }, { collection: 'jurisdiction_views', versionKey: false, strict: false }) },
  {
    name: VIEWS.organization,
    schema: new Schema({ ...base }, { collection: 'organization_views', versionKey: false, strict: false }).index({ districtId: 1, subDistrictId: 1, zoneId: 1 }).index({ type: 1 }),
  },
  {
    name: VIEWS.member,
    schema: new Schema({ ...base }, { collection: 'member_views', versionKey: false, strict: false }).index({ organizationId: 1 }).index({ districtId: 1, subDistrictId: 1, zoneId: 1 }),
  },
  { name: VIEWS.memberStatus, schema: new Schema({ ...base }, { collection: 'member_status_views', versionKey: false, strict: false }) },
  { name: VIEWS.floating, schema: new Schema({ ...base }, { collection: 'floating_views', versionKey: false, strict: false }).index({ organizationId: 1, active: 1 }) },
];

export type LocalMember = KnownMember & { districtId: string; subDistrictId: string; zoneId: string | null; name: string | null; status: string | null };

@Injectable()
export class MembershipViews {
  constructor(
    @InjectModel(VIEWS.organization) readonly organizations: Model<OrganizationView>,
    @InjectModel(VIEWS.member) readonly members: Model<MemberView>,
    @InjectModel(VIEWS.memberStatus) readonly statuses: Model<MemberStatusView>,
    @InjectModel(VIEWS.floating) readonly floating: Model<FloatingView>,
    @InjectModel(VIEWS.jurisdiction) readonly jurisdictions: Model<JurisdictionView>,
  ) {}

  /** Known once its registration has arrived (a rename alone does not make it known). */
  async organization(organizationId: string): Promise<(KnownOrganization & { name: string; type: string; registeredAt: string | null }) | null> {
    const o = await this.organizations.findById(organizationId).lean<OrganizationView>().exec();
    if (!o || !o.districtId || !o.type) return null;
    return {
      organizationId: o._id,
      name: o.name ?? o._id,
      type: o.type,
      districtId: o.districtId,
      subDistrictId: o.subDistrictId!,
      zoneId: o.zoneId ?? null,
      registeredAt: o.registeredAt ?? null,
    };
  }

  async organizations_(ids: string[]): Promise<(KnownOrganization | null)[]> {
    return Promise.all(ids.map((id) => this.organization(id)));
  }

  async member(memberId: string): Promise<LocalMember | null> {
    const [m, s, f] = await Promise.all([
      this.members.findById(memberId).lean<MemberView>().exec(),
      this.statuses.findById(memberId).lean<MemberStatusView>().exec(),
      this.floating.findById(memberId).lean<FloatingView>().exec(),
    ]);
    const floatingOrganizationId = f?.active ? f.organizationId : null;
    if (!m && !floatingOrganizationId) return null;
    if (!m) {
      // Known only as a floating member checked in here: they take part through the local organization.
      const org = await this.organization(floatingOrganizationId!);
      if (!org) return null;
      return { memberId, organizationId: org.organizationId, floatingOrganizationId, districtId: org.districtId, subDistrictId: org.subDistrictId, zoneId: org.zoneId, name: null, status: s?.status ?? null };
    }
    return {
      memberId,
      organizationId: m.organizationId,
      floatingOrganizationId,
      districtId: m.districtId,
      subDistrictId: m.subDistrictId,
      zoneId: m.zoneId ?? null,
      name: m.name ?? null,
      status: s?.status ?? null,
    };
  }

  /** Members placed in these organizations, plus floating members checked in with them (bounded). */
  async memberIdsOf(organizationIds: string[], limit = 20000): Promise<Map<string, string>> {
    const placed = await this.members.find({ organizationId: { $in: organizationIds } }, { organizationId: 1 }).limit(limit).lean<MemberView[]>().exec();
    const floating = await this.floating.find({ organizationId: { $in: organizationIds }, active: true }, { organizationId: 1 }).limit(limit).lean<FloatingView[]>().exec();
    const map = new Map<string, string>();
    for (const m of placed) map.set(m._id, m.organizationId);
    for (const f of floating) if (!map.has(f._id)) map.set(f._id, f.organizationId);
    return map;
  }

  async names(memberIds: string[]): Promise<Map<string, string>> {
    const docs = await this.members.find({ _id: { $in: memberIds } }, { name: 1 }).lean<MemberView[]>().exec();
    return new Map(docs.filter((d) => d.name).map((d) => [d._id, d.name!]));
  }
}
