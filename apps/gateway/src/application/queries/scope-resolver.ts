import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Actor, describeScope, JurisdictionScope, scopeContains } from '@pb/platform';
import { JURISDICTION_VIEW, JurisdictionView } from '../../infrastructure/read-models/jurisdiction-view';

export const SCOPES = ['city', 'district', 'subDistrict', 'zone'] as const;
export type ScopeName = (typeof SCOPES)[number];

export interface ResolvedScope {
  scope: JurisdictionScope;
  name: string;
  /** Filter for views with districtId / subDistrictId / zoneId fields. */
  filter: Record<string, string>;
  /** The zones inside the scope (for data that only knows its zone, like events); null = no limit. */
  zoneIds: string[] | null;
}

/**
 * Turns `?scope=zone&id=…` into a full jurisdiction (a zone's sub-district and
 * district come from the jurisdiction view) and checks it lies inside the caller's.
 */
@Injectable()
export class ScopeResolver {
  constructor(@InjectModel(JURISDICTION_VIEW) private readonly jurisdictions: Model<JurisdictionView>) {}

  async resolve(actor: Actor, scopeName: ScopeName, id?: string): Promise<ResolvedScope> {
    const resolved = scopeName === 'city' ? { scope: { level: 'CITY' as const }, name: '全市' } : await this.lookup(scopeName, id!);
    if (!scopeContains(actor.scope, resolved.scope)) {
      throw new ForbiddenException(`只能查看您的管辖范围（${describeScope(actor)}）`);
    }
    const s = resolved.scope;
    const filter: Record<string, string> =
      s.level === 'CITY' ? {} : s.level === 'DISTRICT' ? { districtId: s.districtId! } : s.level === 'SUB_DISTRICT' ? { subDistrictId: s.subDistrictId! } : { zoneId: s.zoneId! };
    let zoneIds: string[] | null = null;
    if (s.level === 'ZONE') zoneIds = [s.zoneId!];
    if (s.level === 'SUB_DISTRICT') {
      zoneIds = (await this.jurisdictions.find({ level: 'ZONE', subDistrictId: s.subDistrictId }, { _id: 1 }).lean<{ _id: string }[]>().exec()).map((z) => z._id);
    }
    return { ...resolved, filter, zoneIds };
  }

  private async lookup(scopeName: Exclude<ScopeName, 'city'>, id: string): Promise<{ scope: JurisdictionScope; name: string }> {
    const level = { district: 'DISTRICT', subDistrict: 'SUB_DISTRICT', zone: 'ZONE' }[scopeName] as JurisdictionScope['level'];
    const found = await this.jurisdictions.findOne({ _id: id, level }).lean<JurisdictionView>().exec();
    if (!found) throw new NotFoundException(`辖区 ${id} 不存在（或网关尚未收到其登记事件）`);
    const scope: JurisdictionScope = { level, districtId: found.districtId ?? undefined };
    if (level !== 'DISTRICT') scope.subDistrictId = found.subDistrictId ?? undefined;
    if (level === 'ZONE') scope.zoneId = found.zoneId ?? found._id;
    if (level === 'DISTRICT') scope.districtId = found.districtId ?? found._id;
    if (level === 'SUB_DISTRICT') scope.subDistrictId = found.subDistrictId ?? found._id;
    return { scope, name: found.name };
  }
}
