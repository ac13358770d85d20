// The jurisdiction switcher (辖区切换): city → district → sub-district → zone,
// never wider than the signed-in user's own scope. The choices come from the
// membership service's jurisdiction list, which narrows to the caller's scope too.
import { createContext, useContext, useEffect, useState } from 'react';
import { api, ApiError, SessionUser } from './api';
import { LEVEL_NAMES, ZONE_KINDS } from './labels';

export interface JurisdictionRecord {
  jurisdictionId: string;
  level: 'CITY' | 'DISTRICT' | 'SUB_DISTRICT' | 'ZONE';
  name: string;
  parentId: string | null;
  districtId: string | null;
  subDistrictId: string | null;
  zoneId: string | null;
  zoneKind?: string | null;
}

/** The jurisdiction the pages look at; ids of the levels above it included. */
export interface Selection {
  level: 'CITY' | 'DISTRICT' | 'SUB_DISTRICT' | 'ZONE';
  name: string;
  districtId?: string;
  subDistrictId?: string;
  zoneId?: string;
}

export const SelectionContext = createContext<Selection>({ level: 'CITY', name: '全市' });

export function useSelection(): Selection {
  return useContext(SelectionContext);
}

/** `?scope=&id=` for the gateway's dashboard. */
export function dashboardQuery(s: Selection): { scope: string; id?: string } {
  if (s.level === 'ZONE') return { scope: 'zone', id: s.zoneId };
  if (s.level === 'SUB_DISTRICT') return { scope: 'subDistrict', id: s.subDistrictId };
  if (s.level === 'DISTRICT') return { scope: 'district', id: s.districtId };
  return { scope: 'city' };
}

/** The filter the services' lists take: the selected jurisdiction's own level only. */
export function listFilter(s: Selection): Record<string, string> {
  if (s.level === 'ZONE') return { zoneId: s.zoneId! };
  if (s.level === 'SUB_DISTRICT') return { subDistrictId: s.subDistrictId! };
  if (s.level === 'DISTRICT') return { districtId: s.districtId! };
  return {};
}

/** Where the user starts: their own jurisdiction. */
export function initialSelection(user: SessionUser): Selection {
  const s = user.scope;
  return { level: s.level, name: s.level === 'CITY' ? '全市' : LEVEL_NAMES[s.level], districtId: s.districtId, subDistrictId: s.subDistrictId, zoneId: s.zoneId };
}

async function listLevel(level: string, filter: Record<string, string | undefined>): Promise<JurisdictionRecord[]> {
  try {
    const rows = await api<JurisdictionRecord[]>('GET', '/api/membership/jurisdictions', undefined, { level, limit: 500, ...filter });
    return Array.isArray(rows) ? rows : [];
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return [];
    throw error;
  }
}

async function one(id: string | undefined): Promise<JurisdictionRecord | null> {
  if (!id) return null;
  try {
    return await api<JurisdictionRecord>('GET', `/api/membership/jurisdictions/${encodeURIComponent(id)}`);
  } catch {
    return null;
  }
}

interface Props {
  user: SessionUser;
  value: Selection;
  onChange: (s: Selection) => void;
}

export function JurisdictionSwitcher({ user, value, onChange }: Props) {
  const scope = user.scope;
  const fixedDistrict = scope.level !== 'CITY';
  const fixedSubDistrict = scope.level === 'SUB_DISTRICT' || (scope.level === 'ZONE' && !!scope.subDistrictId);
  const fixedZone = scope.level === 'ZONE';
  const [districts, setDistricts] = useState<JurisdictionRecord[]>([]);
  const [subDistricts, setSubDistricts] = useState<JurisdictionRecord[]>([]);
  const [zones, setZones] = useState<JurisdictionRecord[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  // Districts: the whole city for a city user, otherwise only the user's own.
  useEffect(() => {
    let live = true;
    (async () => {
      const rows = fixedDistrict ? [await one(scope.districtId)].filter((r): r is JurisdictionRecord => !!r) : await listLevel('DISTRICT', {});
      if (live) setDistricts(rows);
    })().catch((e: Error) => live && setProblem(e.message));
    return () => {
      live = false;
    };
  }, [user.userId]);

  useEffect(() => {
    let live = true;
    (async () => {
      if (!value.districtId) return setSubDistricts([]);
      const rows = fixedSubDistrict
        ? [await one(scope.subDistrictId)].filter((r): r is JurisdictionRecord => !!r)
        : scope.level === 'ZONE'
          ? []
          : await listLevel('SUB_DISTRICT', { parentId: value.districtId });
      if (live) setSubDistricts(rows);
    })().catch((e: Error) => live && setProblem(e.message));
    return () => {
      live = false;
    };
  }, [user.userId, value.districtId]);

  useEffect(() => {
    let live = true;
    (async () => {
      if (fixedZone) {
        const rows = [await one(scope.zoneId)].filter((r): r is JurisdictionRecord => !!r);
        if (live) setZones(rows);
        return;
      }
      if (!value.subDistrictId) return setZones([]);
      const rows = await listLevel('ZONE', { parentId: value.subDistrictId });
      if (live) setZones(rows);
    })().catch((e: Error) => live && setProblem(e.message));
    return () => {
      live = false;
    };
  }, [user.userId, value.subDistrictId]);

  // Names arrive after the first render: show them in the selection too.
  useEffect(() => {
    const named = (id: string | undefined, rows: JurisdictionRecord[]) => rows.find((r) => r.jurisdictionId === id)?.name;
    const name =
      value.level === 'ZONE'
        ? named(value.zoneId, zones)
        : value.level === 'SUB_DISTRICT'
          ? named(value.subDistrictId, subDistricts)
          : value.level === 'DISTRICT'
            ? named(value.districtId, districts)
            : '全市';
    if (name && name !== value.name) onChange({ ...value, name });
  }, [districts, subDistricts, zones]);

  const pickDistrict = (id: string) => {
    if (!id) return onChange({ level: 'CITY', name: '全市' });
    const d = districts.find((r) => r.jurisdictionId === id);
    onChange({ level: 'DISTRICT', name: d?.name ?? id, districtId: id });
  };
  const pickSubDistrict = (id: string) => {
    if (!id) return onChange({ level: 'DISTRICT', name: districts.find((r) => r.jurisdictionId === value.districtId)?.name ?? '区县', districtId: value.districtId });
    const s = subDistricts.find((r) => r.jurisdictionId === id);
    onChange({ level: 'SUB_DISTRICT', name: s?.name ?? id, districtId: value.districtId, subDistrictId: id });
  };
  const pickZone = (id: string) => {
    if (!id) {
      const s = subDistricts.find((r) => r.jurisdictionId === value.subDistrictId);
      return onChange({ level: 'SUB_DISTRICT', name: s?.name ?? '街道', districtId: value.districtId, subDistrictId: value.subDistrictId });
    }
    const z = zones.find((r) => r.jurisdictionId === id);
    onChange({ level: 'ZONE', name: z?.name ?? id, districtId: value.districtId, subDistrictId: value.subDistrictId ?? z?.subDistrictId ?? undefined, zoneId: id });
  };

  return (
    <div className="switcher" data-testid="jurisdiction-switcher" aria-label="辖区切换">
      <label>
        区县
        <select data-testid="switch-district" value={value.districtId ?? ''} disabled={fixedDistrict} onChange={(e) => pickDistrict(e.target.value)}>
          {!fixedDistrict && <option value="">全市</option>}
          {value.districtId && !districts.some((d) => d.jurisdictionId === value.districtId) && <option value={value.districtId}>{value.districtId}</option>}
          {districts.map((d) => (
            <option key={d.jurisdictionId} value={d.jurisdictionId}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        街道
        <select data-testid="switch-sub-district" value={value.subDistrictId ?? ''} disabled={fixedSubDistrict || !value.districtId} onChange={(e) => pickSubDistrict(e.target.value)}>
          {!fixedSubDistrict && <option value="">{value.districtId ? '全部街道' : '—'}</option>}
          {value.subDistrictId && !subDistricts.some((d) => d.jurisdictionId === value.subDistrictId) && <option value={value.subDistrictId}>{value.subDistrictId}</option>}
          {subDistricts.map((d) => (
            <option key={d.jurisdictionId} value={d.jurisdictionId}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        片区
        <select data-testid="switch-zone" value={value.zoneId ?? ''} disabled={fixedZone || !value.subDistrictId} onChange={(e) => pickZone(e.target.value)}>
          {!fixedZone && <option value="">{value.subDistrictId ? '全部片区' : '—'}</option>}
          {zones.map((d) => (
            <option key={d.jurisdictionId} value={d.jurisdictionId}>
              {d.name}
              {d.zoneKind ? `（${ZONE_KINDS[d.zoneKind] ?? d.zoneKind}）` : ''}
            </option>
          ))}
        </select>
      </label>
      {problem && <span className="switcher-problem">辖区列表加载失败：{problem}</span>}
    </div>
  );
}
