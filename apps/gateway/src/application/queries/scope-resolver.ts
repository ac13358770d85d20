import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { MembershipReference } from '@pb/membership-reference';
import { Actor, describeScope, JurisdictionScope, scopeContains } from '@pb/platform';

export const SCOPES = ['city', 'district', 'subDistrict', 'zone'] as const;
export type ScopeName = (typeof SCOPES)[number];

/** Names can follow a rename this much later; a jurisdiction's place never changes. */
const REMEMBER_MS = 5000;
const MAX_REMEMBERED = 1000;

export interface ResolvedScope {
  scope: JurisdictionScope;
  name: string;
  /** Filter for views with districtId / subDistrictId / zoneId fields. */
  filter: Record<string, string>;
}

/**
 * Turns `?scope=zone&id=…` into a full jurisdiction (a zone's sub-district and
 * district come from membership's reference data) and checks it lies inside the caller's.
 */
@Injectable()
export class ScopeResolver {
  constructor(private readonly reference: MembershipReference) {}

  /**
   * Where a jurisdiction sits in the tree never changes once registered, and
   * every dashboard request resolves its scope: found jurisdictions are
   * remembered briefly (an unknown id is looked up again each time).
   */
  private readonly remembered = new Map<string, { at: number; found: { scope: JurisdictionScope; name: string } }>();

  async resolve(actor: Actor, scopeName: ScopeName, id?: string): Promise<ResolvedScope> {
    const resolved = scopeName === 'city' ? { scope: { level: 'CITY' as const }, name: '全市' } : await this.rememberedLookup(scopeName, id!);
    if (!scopeContains(actor.scope, resolved.scope)) {
      throw new ForbiddenException(`只能查看您的管辖范围（${describeScope(actor)}）`);
    }
    const s = resolved.scope;
    const filter: Record<string, string> =
      s.level === 'CITY' ? {} : s.level === 'DISTRICT' ? { districtId: s.districtId! } : s.level === 'SUB_DISTRICT' ? { subDistrictId: s.subDistrictId! } : { zoneId: s.zoneId! };
    return { ...resolved, filter };
  }

  /** The zones inside a scope (for data that only knows its zone, like events); null = no limit by zone. */
  async zoneIdsOf(scope: JurisdictionScope): Promise<string[] | null> {
    if (scope.level === 'ZONE') return [scope.zoneId!];
    if (scope.level !== 'SUB_DISTRICT') return null;
    return this.reference.zoneIdsIn(scope.subDistrictId!);
  }

  private async rememberedLookup(scopeName: Exclude<ScopeName, 'city'>, id: string): Promise<{ scope: JurisdictionScope; name: string }> {
    const key = `${scopeName}:${id}`;
    const known = this.remembered.get(key);
    if (known && Date.now() - known.at < REMEMBER_MS) return known.found;
    const found = await this.lookup(scopeName, id);
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.clear();
    this.remembered.set(key, { at: Date.now(), found });
    return found;
  }

  private async lookup(scopeName: Exclude<ScopeName, 'city'>, id: string): Promise<{ scope: JurisdictionScope; name: string }> {
    const level = { district: 'DISTRICT', subDistrict: 'SUB_DISTRICT', zone: 'ZONE' }[scopeName] as JurisdictionScope['level'];
    const found = await this.reference.jurisdiction(id);
    if (!found || found.level !== level) throw new NotFoundException(`辖区 ${id} 不存在（或网关尚未收到其登记事件）`);
    const scope: JurisdictionScope = { level, districtId: found.districtId ?? undefined };
    if (level !== 'DISTRICT') scope.subDistrictId = found.subDistrictId ?? undefined;
    if (level === 'ZONE') scope.zoneId = found.zoneId ?? found._id;
    if (level === 'DISTRICT') scope.districtId = found.districtId ?? found._id;
    if (level === 'SUB_DISTRICT') scope.subDistrictId = found.subDistrictId ?? found._id;
    return { scope, name: found.name };
  }
}
