import { ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import { isMultiLineText, textProblem } from './plain-text';

// The storage of `@Type()` (nested DTOs) is not among class-transformer's public exports.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

/** Enough to act on; a body full of bad strings need not be listed whole. */
const MAX_REPORTED = 10;

/**
 * The one validation pipe of every app: every string a request carries in its path, query or
 * body (at any depth, names of fields included) is checked for control characters and text that
 * was not UTF-8 before the DTO rules run, so no service, whatever its DTO says, hands such a
 * string to the database, a log line or an event. A refusal is a 400 naming the field, like the
 * DTO rules' own; then the DTO's class-validator rules (whitelist, no unknown fields).
 */
export class InputValidationPipe extends ValidationPipe {
  /**
   * Query strings that passed, by DTO class and exact value: a dashboard polled every few seconds
   * sends the same few queries all day, and checking one costs more than the rest of the read.
   * Only a flat answer (every field a string, number, boolean or absent) is kept, and each caller
   * gets a copy of its own; anything refused is checked again every time.
   */
  private readonly remembered = new Map<unknown, Map<string, object>>();
  private rememberedCount = 0;

  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: false });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Custom parameters (the caller, the command context) are the app's own, not the request's.
    if (metadata.type === 'custom') return super.transform(value, metadata);
    const key = rememberedKeyOf(value, metadata);
    const known = key === null ? undefined : this.remembered.get(metadata.metatype)?.get(key);
    if (known) return copyOf(known);
    const problems = textProblemsOf(value, metadata.data ?? '', metadata.metatype);
    if (problems.length > 0) throw new BadRequestException(problems);
    const checked: unknown = await super.transform(value, metadata);
    if (key !== null && isFlat(checked)) this.remember(metadata.metatype, key, copyOf(checked));
    return checked;
  }

  private remember(metatype: unknown, key: string, checked: object): void {
    if (this.rememberedCount >= MAX_REMEMBERED) {
      this.remembered.clear();
      this.rememberedCount = 0;
    }
    let ofType = this.remembered.get(metatype);
    if (!ofType) this.remembered.set(metatype, (ofType = new Map()));
    if (!ofType.has(key)) this.rememberedCount += 1;
    ofType.set(key, checked);
  }
}

/** Distinct query values remembered at once (each at most MAX_REMEMBERED_KEY characters). */
const MAX_REMEMBERED = 1000;
const MAX_REMEMBERED_KEY = 1000;

/** A whole query object validated against a DTO class: its exact fields and values, or null (not remembered). */
function rememberedKeyOf(value: unknown, metadata: ArgumentMetadata): string | null {
  if (metadata.type !== 'query' || typeof metadata.metatype !== 'function' || value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const key = `${metadata.data ?? ''}\u0000${JSON.stringify(value)}`;
  return key.length <= MAX_REMEMBERED_KEY ? key : null;
}

function isFlat(value: unknown): value is object {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every((v) => v === undefined || v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
}

/** The same DTO instance, fields copied: a handler that changes its query changes only its own. */
function copyOf(value: object): object {
  return Object.assign(Object.create(Object.getPrototypeOf(value) as object | null) as object, value);
}

type Ctor = abstract new (...args: never[]) => unknown;

/**
 * Every unacceptable string in `value`, as "<field> <why>". A field's DTO class (and the nested
 * classes its `@Type()`s name) says which fields are `@MultiLineText()`; the elements of an array
 * field are that field's.
 */
export function textProblemsOf(value: unknown, name: string, cls?: unknown): string[] {
  const problems: string[] = [];
  // Breadth first, without recursion: a hostile body may nest deeper than the call stack.
  const queue: { value: unknown; name: string; cls: unknown; multiLine: boolean }[] = [{ value, name, cls, multiLine: false }];
  for (let next = 0; next < queue.length && problems.length < MAX_REPORTED; next++) {
    const item = queue[next]!;
    if (typeof item.value === 'string') {
      const problem = textProblem(item.value, item.multiLine);
      if (problem) problems.push(`${item.name || '请求内容'} ${problem}`);
    } else if (Array.isArray(item.value)) {
      item.value.forEach((v, i) => queue.push({ ...item, value: v, name: `${item.name}[${i}]` }));
    } else if (item.value !== null && typeof item.value === 'object') {
      for (const [key, v] of Object.entries(item.value)) {
        const keyProblem = textProblem(key);
        if (keyProblem) problems.push(`字段名 ${JSON.stringify(key)} ${keyProblem}`);
        const nested = typeof item.cls === 'function' ? (defaultMetadataStorage.findTypeMetadata(item.cls as Ctor as never, key)?.typeFunction() as unknown) : undefined;
        queue.push({ value: v, name: item.name ? `${item.name}.${key}` : key, cls: nested, multiLine: isMultiLineText(item.cls, key) });
      }
    }
  }
  return problems.slice(0, MAX_REPORTED);
}
