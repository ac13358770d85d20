import mongoose from 'mongoose';
import type { EventEnvelope } from '@pb/contracts';
import { cityWide, defineAggregate, ownJurisdiction } from '@pb/messaging';

interface Site {
  siteId: string;
  districtId: string;
  zoneId: string | null;
  host: { kind: string; creditCode: string | null } | null;
  rooms: { roomId: string; seats: number }[];
}

const Sites = defineAggregate<Site>({
  type: 'Site',
  evolve: (_, event: EventEnvelope) => event.data as Site,
  collection: 'sites',
  indexes: [{ districtId: 1, zoneId: 1 }, { 'rooms.roomId': 1 }],
  jurisdiction: ownJurisdiction,
});

describe('defineAggregate (no database)', () => {
  const snapshots = mongoose.createConnection().model(Sites.snapshotModel, Sites.snapshotSchema);

  it('derives the snapshot collection, its indexes and the bookkeeping fields from the one definition', () => {
    expect(Sites.snapshotModel).toBe('SiteSnapshot');
    expect(Sites.snapshotSchema.get('collection')).toBe('sites');
    expect(Sites.snapshotSchema.indexes().map(([fields]) => fields)).toEqual([{ districtId: 1, zoneId: 1 }, { 'rooms.roomId': 1 }]);
    const missing = new snapshots({ siteId: 's-1' }).validateSync();
    expect(Object.keys(missing?.errors ?? {}).sort()).toEqual(['_id', 'lastEventAt', 'version']);
  });

  it('keeps the state exactly as evolve shaped it, nested fields and nulls included', () => {
    const state: Site = { siteId: 's-1', districtId: 'rencheng', zoneId: null, host: { kind: 'ENTERPRISE', creditCode: null }, rooms: [{ roomId: 'r-1', seats: 30 }] };
    const doc = new snapshots({ _id: 's-1', ...state, version: 3, lastEventAt: new Date(0) });
    expect(doc.validateSync()).toBeUndefined();
    expect(doc.toObject()).toEqual({ _id: 's-1', ...state, version: 3, lastEventAt: new Date(0) });
  });

  it("reads a state's own jurisdiction, with no zone as '' on the envelope, and a city-wide one as neither", () => {
    expect(ownJurisdiction({ districtId: 'rencheng', zoneId: 'zone-taibailou' })).toEqual({ districtId: 'rencheng', zoneId: 'zone-taibailou' });
    expect(ownJurisdiction({ districtId: 'rencheng', zoneId: null })).toEqual({ districtId: 'rencheng', zoneId: '' });
    expect(ownJurisdiction({ districtId: 'rencheng' })).toEqual({ districtId: 'rencheng', zoneId: '' });
    expect(ownJurisdiction({ districtId: null, zoneId: null })).toEqual({ districtId: '', zoneId: '' });
    expect(cityWide()).toEqual({ districtId: '', zoneId: '' });
  });
});
