import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';

/**
 * What no text a user sends may hold, wherever it comes in (query, path, body, CSV cell):
 * control characters (C0 but tab, line feed and carriage return; DEL; C1), which the
 * database refuses (a NUL byte was a 500) and which hide text in logs and exports; and what
 * is left of text that was not UTF-8: a lone surrogate (a JSON `\ud800` escape) or U+FFFD,
 * which the body and query decoders put in place of bytes they could not decode.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is what this expression is for
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const REPLACEMENT = /\uFFFD/;
/** Tab and line breaks: only a multi-line text field (a description, minutes) takes them. */
const LINE_BREAK_OR_TAB = /[\t\n\r]/;

const MULTI_LINE = Symbol('multiLineText');

/**
 * A free-text field that may span lines (多行文本): tab, line feed and carriage return are
 * allowed in it; every other field refuses them as control characters.
 */
export function MultiLineText(): PropertyDecorator {
  return (target, key) => Reflect.defineMetadata(MULTI_LINE, true, target, key);
}

/** Whether `key` of DTO class `cls` (or a class it extends) is declared `@MultiLineText()`. */
export function isMultiLineText(cls: unknown, key: string): boolean {
  return typeof cls === 'function' && Reflect.getMetadata(MULTI_LINE, cls.prototype as object, key) === true;
}

/** Why `value` is not acceptable text, in words for the user (zh-CN), or null when it is. */
export function textProblem(value: string, multiLine = false): string | null {
  const control = CONTROL.exec(value) ?? (multiLine ? null : LINE_BREAK_OR_TAB.exec(value));
  if (control) return `不能包含控制字符（${codePoint(control[0])}）`;
  if (LONE_SURROGATE.test(value) || REPLACEMENT.test(value)) return '含有无效字符：须为 UTF-8 编码的文本';
  return null;
}

/** Refuses `value` with a 400 naming `field` when it is not acceptable text. */
export function assertPlainText(value: string, field: string, multiLine = false): void {
  const problem = textProblem(value, multiLine);
  if (problem) throw new BadRequestException([`${field} ${problem}`]);
}

function codePoint(char: string): string {
  return `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}
