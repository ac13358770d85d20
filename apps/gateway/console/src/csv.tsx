// CSV export that Excel opens correctly: UTF-8 with a byte-order mark (without it
// Excel reads Chinese as GBK and shows garbage), Chinese headers, CRLF line ends,
// quoting by csv-stringify.
import { stringify } from 'csv-stringify/browser/esm/sync';

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => unknown;
}

/**
 * A cell Excel would run as a formula (=, +, -, @ at the start) gets a leading
 * apostrophe, so a name like "=HYPERLINK(...)" stays text. Plain numbers are left alone.
 */
function safeCell(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^[-+]?\d+(\.\d+)?$/.test(text)) return `'${text}`;
  return text;
}

export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  return stringify([columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => safeCell(c.value(r))))], {
    bom: true,
    record_delimiter: 'windows',
  });
}

/** Saves the text as a file through the browser's download. */
export function download(fileName: string, text: string): void {
  const blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function csvFileName(title: string): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${title}_${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}_${pad(d.getHours())}${pad(d.getMinutes())}.csv`;
}
