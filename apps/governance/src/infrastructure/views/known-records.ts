import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { KnownZone } from '../../domain/grid/grid';
import { JURISDICTION_VIEW, JurisdictionView, ORGANIZATION_VIEW, OrganizationView } from './membership-views';

/** Reads of what governance learned from membership, in the shapes the domain asks for. */
@Injectable()
export class KnownRecords {
  constructor(
    @InjectModel(JURISDICTION_VIEW) private readonly jurisdictions: Model<JurisdictionView>,
    @InjectModel(ORGANIZATION_VIEW) private readonly organizations: Model<OrganizationView>,
  ) {}

  /** A zone counts as known once its registration (with district and sub-district) has arrived. */
  async zone(zoneId: string): Promise<KnownZone | null> {
    const z = await this.jurisdictions.findById(zoneId).lean<JurisdictionView>().exec();
    if (!z || z.level !== 'ZONE' || !z.districtId || !z.subDistrictId) return null;
    return { zoneId: z._id, districtId: z.districtId, subDistrictId: z.subDistrictId };
  }

  async organization(organizationId: string): Promise<{ districtId: string; name: string } | null> {
    const o = await this.organizations.findById(organizationId).lean<OrganizationView>().exec();
    if (!o || !o.districtId) return null;
    return { districtId: o.districtId, name: o.name ?? organizationId };
  }

  /** The city above a district, for escalating to the top; falls back to a fixed id when not yet known. */
  async cityOf(districtId: string): Promise<string> {
    const d = await this.jurisdictions.findById(districtId).lean<JurisdictionView>().exec();
    return d?.parentId ?? 'city';
  }
}
