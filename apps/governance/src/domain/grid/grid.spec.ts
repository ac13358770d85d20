import { DomainError } from '@pb/platform/domain-error';
import { decideGridBuildings, evolveGrid, Grid, MAX_BUILDINGS_PER_GRID } from './grid';

const grid: Grid = {
  gridId: 'grid-1',
  name: '运河城网格',
  description: null,
  districtId: 'rencheng',
  subDistrictId: 'fuqiao',
  zoneId: 'zone-taibailou',
  buildingIds: [],
  establishedAt: '2026-01-01T00:00:00.000Z',
};
const tower = { buildingId: 'bld-tower', name: '运河城大厦', zoneId: 'zone-taibailou' };
const mall = { buildingId: 'bld-mall', name: '运河城购物中心', zoneId: 'zone-taibailou' };

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('网格覆盖楼宇: the buildings a grid covers', () => {
  it('takes the whole list of registered buildings of the grid’s zone, each once', () => {
    expect(decideGridBuildings(grid, 'grid-1', ['bld-tower', 'bld-mall', 'bld-tower'], [tower, mall, tower])).toEqual({ gridId: 'grid-1', buildingIds: ['bld-tower', 'bld-mall'] });
    expect(decideGridBuildings({ ...grid, buildingIds: ['bld-tower'] }, 'grid-1', [], [])).toEqual({ gridId: 'grid-1', buildingIds: [] });
  });

  it('refuses an unknown building and one of another zone, naming buildingIds, and a list that changes nothing', () => {
    expect(caught(() => decideGridBuildings(grid, 'grid-1', ['bld-tower', 'bld-x'], [tower, null]))).toMatchObject({ kind: 'invalid', code: 'BUILDING_NOT_FOUND' });
    const elsewhere = caught(() => decideGridBuildings(grid, 'grid-1', ['bld-far'], [{ buildingId: 'bld-far', name: '远方大厦', zoneId: 'zone-other' }]));
    expect(elsewhere).toMatchObject({ kind: 'invalid', code: 'BUILDING_IN_OTHER_ZONE' });
    expect(elsewhere.message).toMatch(/^buildingIds：楼宇远方大厦属于片区 zone-other/);
    expect(caught(() => decideGridBuildings({ ...grid, buildingIds: ['bld-mall', 'bld-tower'] }, 'grid-1', ['bld-tower', 'bld-mall'], [tower, mall]))).toMatchObject({
      kind: 'conflict',
      code: 'BUILDINGS_UNCHANGED',
    });
    expect(caught(() => decideGridBuildings(null, 'grid-x', [], []))).toMatchObject({ kind: 'not_found', code: 'GRID_NOT_FOUND' });
    const many = Array.from({ length: MAX_BUILDINGS_PER_GRID + 1 }, (_, i) => `bld-${i}`);
    expect(
      caught(() =>
        decideGridBuildings(
          grid,
          'grid-1',
          many,
          many.map((id) => ({ ...tower, buildingId: id })),
        ),
      ).code,
    ).toBe('TOO_MANY_BUILDINGS');
  });

  it('starts a grid with no buildings and replaces the list with each GridBuildingsSet', () => {
    const ev = (type: string, data: unknown, v: number) => ({ type, data, aggregateversion: v, subject: 'grid-1', time: '2026-01-01T00:00:00.000Z' }) as never;
    const { buildingIds: _b, establishedAt: _e, ...established } = grid;
    let state = evolveGrid(null, ev('governance.GridEstablished.v1', established, 1));
    expect(state.buildingIds).toEqual([]);
    state = evolveGrid(state, ev('governance.GridBuildingsSet.v1', { gridId: 'grid-1', buildingIds: ['bld-tower', 'bld-mall'] }, 2));
    state = evolveGrid(state, ev('governance.GridBuildingsSet.v1', { gridId: 'grid-1', buildingIds: ['bld-mall'] }, 3));
    expect(state).toMatchObject({ name: '运河城网格', buildingIds: ['bld-mall'] });
  });
});
