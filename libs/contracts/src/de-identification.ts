import { createHmac } from 'crypto';
import { EventDefinition, JsonSchema } from './event-definition';

/**
 * What the analyst form does beyond dropping personal fields and pseudonymising person ids
 * (去标识化): it scrubs free text and coarsens quasi-identifiers. The rules are derived from
 * each event's schema, so a new event type is covered without anyone remembering to mark it;
 * docs/analyst-streams.md states them for analysts.
 */

/** What scrubbed text puts where a phone number, an ID number or a registered person's name was. */
export const SCRUBBED = { phone: '[电话]', idNumber: '[证件号]', name: '某某' } as const;

/**
 * The id of an analyst event (分析事件标识): a keyed hash of the source event's id, shaped
 * like a UUID (version 8, "custom"). The same source event always gets the same id (so a
 * redelivery is still recognisable), but without the key nobody can compute it from an
 * event id seen elsewhere (a timeline, a log), so the two cannot be joined.
 */
export function analystEventId(key: string | Buffer, sourceEventId: string): string {
  const hex = createHmac('sha256', key).update(`analyst-event-id\u0000${sourceEventId}`, 'utf8').digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** China Standard Time (no daylight saving): the platform's days begin at midnight here. */
const CHINA_OFFSET_MS = 8 * 3600_000;

/** The first year of a birth year's five-year band: 1988 → 1985 (meaning 1985–1989). */
export function fiveYearBand(year: number): number {
  return year - (((year % 5) + 5) % 5);
}

/** A calendar date (`YYYY-MM-DD`) to the first day of its month. */
export function monthOf(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date.slice(0, 8)}01` : date;
}

/** A moment to the start of its day in China (`2026-03-15T00:00:00+08:00`). */
export function dayOf(time: string): string {
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) return time;
  return `${new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10)}T00:00:00+08:00`;
}

/** The start of a coarsened moment's day, in epoch milliseconds (the analyst record's Kafka timestamp). */
export function dayStartMs(time: string): number {
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? ms : ms - ((((ms + CHINA_OFFSET_MS) % 86_400_000) + 86_400_000) % 86_400_000);
}

/**
 * Names of registered people (党员、网格员、导师、当事人…) to find in free text: a character
 * trie, so a text is scanned once whatever the number of names. Names shorter than two
 * characters are not kept: one character would blank every word it appears in.
 */
export class NameIndex {
  private readonly root = new Map<string, TrieNode>();
  private readonly known = new Set<string>();

  static readonly MIN_LENGTH = 2;

  get size(): number {
    return this.known.size;
  }

  names(): IterableIterator<string> {
    return this.known.values();
  }

  /** Adds a name; false when it was known or is too short to be kept. */
  add(name: string): boolean {
    const trimmed = name.trim();
    const chars = [...trimmed];
    if (chars.length < NameIndex.MIN_LENGTH || this.known.has(trimmed)) return false;
    let level = this.root;
    let node: TrieNode | undefined;
    for (const ch of chars) {
      node = level.get(ch);
      if (!node) {
        node = { next: new Map(), end: false };
        level.set(ch, node);
      }
      level = node.next;
    }
    node!.end = true;
    this.known.add(trimmed);
    return true;
  }

  /** Every known name in `text` replaced by `replacement`, longest match first. */
  replaceIn(text: string, replacement: string): string {
    if (this.known.size === 0) return text;
    const chars = [...text];
    let out = '';
    for (let i = 0; i < chars.length;) {
      let level = this.root;
      let matched = 0;
      for (let j = i; j < chars.length; j++) {
        const node = level.get(chars[j]);
        if (!node) break;
        if (node.end) matched = j - i + 1;
        level = node.next;
      }
      if (matched > 0) {
        out += replacement;
        i += matched;
      } else {
        out += chars[i];
        i += 1;
      }
    }
    return out;
  }
}

interface TrieNode {
  next: Map<string, TrieNode>;
  end: boolean;
}

/**
 * Mainland mobile numbers (with or without +86, spaces or dashes between groups) and
 * landlines with an area code (`0537-2345678`); a number inside a longer run of digits is
 * left to the ID-number rule.
 */
const PHONE = /(?<![\d])(?:(?:\+|00)?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)|(?<![\d])0\d{2,3}[\s-]?\d{7,8}(?!\d)/g;
/**
 * Resident ID numbers (18 characters, the last a digit or X; the old 15-digit form) and any
 * other run of 15 or more digits (bank cards, social-security numbers): none belongs in an
 * analyst's text.
 */
const ID_NUMBER = /(?<![\dA-Za-z])(?:\d{17}[\dXx]|\d{15,})(?![\dA-Za-z])/g;

/** Free text with phone numbers, ID numbers and (when given) registered people's names taken out. */
export function scrubText(text: string, names?: NameIndex): string {
  const numbersOut = text.replace(ID_NUMBER, SCRUBBED.idNumber).replace(PHONE, SCRUBBED.phone);
  return names ? names.replaceIn(numbersOut, SCRUBBED.name) : numbersOut;
}

type Leaf = { path: string; schema: JsonSchema; name: string };

/** Every leaf of a schema with its path in the privacy path syntax (`a`, `a.b`, `list[]`, `list[].c`). */
function leavesOf(schema: JsonSchema, prefix = ''): Leaf[] {
  const out: Leaf[] = [];
  for (const [name, child] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
    const here = prefix + name;
    const items = child.items as JsonSchema | undefined;
    if (child.properties) out.push(...leavesOf(child, `${here}.`));
    else if (items?.properties) out.push(...leavesOf(items, `${here}[].`));
    else if (items) out.push({ path: `${here}[]`, schema: items, name });
    else out.push({ path: here, schema: child, name });
  }
  return out;
}

const typesOf = (schema: JsonSchema): string[] => (Array.isArray(schema.type) ? (schema.type as string[]) : schema.type ? [schema.type as string] : []);
/** Names of fields that hold ids or codes, never prose. */
const ID_FIELD = /(Id|Ids|Code|Codes)$|^id$/;

/**
 * Free-text fields of an event (自由文本): every string a user typed, i.e. every string field
 * without an enum, a pattern or a format whose name is not an id. Descriptions, feedback,
 * minutes, reasons, summaries, notes, titles and names of things all qualify.
 */
export function freeTextPaths(definition: Pick<EventDefinition, 'schema' | 'personalFields'>): string[] {
  const personal = new Set(definition.personalFields);
  return leavesOf(definition.schema)
    .filter(({ path, schema, name }) => {
      if (personal.has(path) || [...personal].some((p) => path.startsWith(`${p.replace(/\[\]$/, '')}.`) || path.startsWith(`${p.replace(/\[\]$/, '')}[]`))) return false;
      return typesOf(schema).includes('string') && !schema.enum && !schema.const && !schema.pattern && !schema.format && !ID_FIELD.test(name);
    })
    .map((l) => l.path);
}

/** How a quasi-identifier is coarsened on the analyst form (粗化). */
export type Coarsening = 'five-year-band' | 'month' | 'day';

/**
 * Quasi-identifiers of an event and how each is coarsened: a birth year to its five-year
 * band; in an event about a person (one with person ids), every calendar date to its month
 * and every moment to its day. Dates of things (an activity's start, a policy) stay exact.
 */
export function coarsenedPaths(definition: Pick<EventDefinition, 'schema' | 'personIds'>): Record<string, Coarsening> {
  const aboutPerson = (definition.personIds ?? []).length > 0;
  const out: Record<string, Coarsening> = {};
  for (const { path, schema, name } of leavesOf(definition.schema)) {
    if (name === 'birthYear') out[path] = 'five-year-band';
    else if (aboutPerson && schema.format === 'date') out[path] = 'month';
    else if (aboutPerson && schema.format === 'date-time') out[path] = 'day';
  }
  return out;
}

export function coarsen(value: unknown, how: Coarsening): unknown {
  if (how === 'five-year-band') return typeof value === 'number' && Number.isInteger(value) ? fiveYearBand(value) : value;
  if (typeof value !== 'string') return value;
  return how === 'month' ? monthOf(value) : dayOf(value);
}

/** What each coarsening means, for the analyst schema's field descriptions. */
export const COARSENING_NOTES: Record<Coarsening, string> = {
  'five-year-band': '五年一档的起始年份（1985 表示 1985–1989）/ first year of a five-year band (1985 means 1985–1989)',
  month: '仅精确到月（取当月 1 日）/ the month only (given as its first day)',
  day: '仅精确到日（北京时间零点）/ the day only (midnight China time)',
};

/**
 * Personal fields holding a person's name (`name`, `requesterName`, `parties[].name`,
 * `contacts[].name`…): the analyst-streams app learns them to find the same names in free text.
 */
export function personNamePaths(definition: Pick<EventDefinition, 'schema' | 'personalFields'>): string[] {
  const personal = definition.personalFields.map((p) => p.replace(/\[\]$/, ''));
  return leavesOf(definition.schema)
    .filter(
      ({ path, name, schema }) =>
        typesOf(schema).includes('string') && /(^name$|Name$)/.test(name) && personal.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[]`)),
    )
    .map((l) => l.path);
}
