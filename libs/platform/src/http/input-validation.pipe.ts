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
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: false });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Custom parameters (the caller, the command context) are the app's own, not the request's.
    if (metadata.type !== 'custom') {
      const problems = textProblemsOf(value, metadata.data ?? '', metadata.metatype);
      if (problems.length > 0) throw new BadRequestException(problems);
    }
    return super.transform(value, metadata);
  }
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
