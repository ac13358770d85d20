// The demo enterprises' identities (credit codes, 海能电商园's 200 enterprises), plain data
// with no imports, so the membership seed can name the same enterprises (members' employers,
// hosted branches) without importing the enterprise seed.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 统一社会信用代码 with its check character. */
export function creditCode(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return first17 + ALPHABET[(31 - (sum % 31)) % 31];
}

export const HAINENG = 'zone-haineng';
export const SOFTWARE_PARK = 'zone-software-park';
export const ENTERPRISE_COUNT = 200;

const PREFIXES = ['海能', '运河', '仙营', '任城', '鲁源', '圣地', '太白', '儒乡', '孔孟', '微山', '梁山', '尼山', '泗水', '兖州', '曲阜', '金乡', '嘉祥', '汶上', '邹城', '鱼台'];
const TRADES = [
  ['电子商务', '电子商务有限公司'],
  ['跨境电商', '跨境电商有限公司'],
  ['直播电商', '网络科技有限公司'],
  ['农产品电商', '农产品电商有限公司'],
  ['软件与信息服务', '信息技术有限公司'],
  ['物流配送', '供应链管理有限公司'],
  ['文化创意', '文化传媒有限公司'],
  ['数字营销', '数字营销策划有限公司'],
  ['服装电商', '服饰电子商务有限公司'],
  ['食品电商', '食品贸易有限公司'],
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['晓明', '丽娜', '志强', '海燕', '建华', '婷婷', '伟', '静', '磊', '敏', '超', '娟', '鹏', '雪', '浩然', '欣怡', '子涵', '梓萱', '宇航', '佳琪'];
const person = (i) => SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length];

/** The four enterprises that host a branch of their own (membership's seed names them by credit code). */
const HOSTS = { 1: '济宁云采电子商务有限公司', 2: '济宁鲁货优选网络科技有限公司', 3: '济宁速达供应链管理有限公司', 4: '济宁微品网络科技有限公司' };

/** The i-th enterprise of 海能电商园 (1-based). */
export function hainengEnterprise(i) {
  const [industry, suffix] = TRADES[i % TRADES.length];
  const prefix = PREFIXES[i % PREFIXES.length];
  const employees = 12 + ((i * 13) % 40);
  // 8–16 graduates each: 200 enterprises employ about 2,400 in all.
  const youngGraduates = Math.min(employees, 8 + ((i * 7) % 9));
  const size = employees >= 45 ? 'SMALL' : 'MICRO';
  const tags = ['电商', '小微企业'];
  if (youngGraduates >= 10) tags.push('高校毕业生就业');
  if (i % 5 === 0) tags.push('高新技术企业');
  if (i % 7 === 0) tags.push('出口');
  return {
    creditCode: creditCode(`91370811MA3HN${String(i).padStart(4, '0')}`),
    zoneId: HAINENG,
    // 20 prefixes × 10 middles: a distinct name for each of the 200.
    name: HOSTS[i] ?? `济宁${prefix}${['云', '聚', '汇', '联', '优', '创', '品', '通', '选', '链'][Math.floor(i / 20) % 10]}${suffix}`,
    building: `海能电商园 ${['A', 'B', 'C', 'D'][i % 4]} 座 ${1 + (i % 12)} 层`,
    industry,
    size,
    employees,
    youngGraduates,
    contacts: [{ name: person(i), title: ['总经理', '行政主管', '运营总监', '财务经理'][i % 4] }],
    tags,
  };
}
