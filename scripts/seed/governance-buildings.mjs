// Demo data: the buildings and complexes each grid of 太白楼路商圈 covers (#18, item 2), from the
// grids' descriptions; 古槐路网格 covers street shops and homes, no registered building. A second
// run finds the lists as they are (409, nothing changed).
const GRID_BUILDINGS = {
  'grid-taibailou-yunhecheng': ['bld-tbl-yunhecheng'],
  'grid-taibailou-wanda': ['bld-tbl-wanda'],
  'grid-taibailou-suning': ['bld-tbl-suning', 'bld-tbl-guihe'],
};

export async function seedGridBuildings({ call, log }) {
  for (const [gridId, buildingIds] of Object.entries(GRID_BUILDINGS)) await call('PUT', `/governance/grids/${gridId}/buildings`, { buildingIds });
  log(`governance: ${Object.keys(GRID_BUILDINGS).length} grids of 太白楼路商圈 cover its buildings and complexes`);
}
