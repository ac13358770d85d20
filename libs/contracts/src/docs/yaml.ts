/**
 * A small YAML writer for JSON-shaped data, so the gateway can serve the AsyncAPI
 * document without a YAML library at run time (the `yaml` package is a dev
 * dependency; tests parse this output with it). Strings are double-quoted JSON
 * strings, which YAML 1.2 reads as the same text.
 */
export function toYaml(value: unknown): string {
  return `${write(value, 0)}\n`;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_\-]*$/;

function key(name: string): string {
  return PLAIN_KEY.test(name) ? name : JSON.stringify(name);
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`cannot write ${typeof value} as YAML`);
}

function isEmpty(value: unknown): boolean {
  return Array.isArray(value) ? value.length === 0 : typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

function write(value: unknown, indent: number): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return value
      .map((item) => {
        if (typeof item === 'object' && item !== null && !isEmpty(item)) {
          // The first line of a nested block sits right after the dash.
          return `${pad}- ${write(item, indent + 2).trimStart()}`;
        }
        return `${pad}- ${typeof item === 'object' && item !== null ? write(item, 0) : scalar(item)}`;
      })
      .join('\n');
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return entries
      .map(([k, v]) => {
        if (typeof v === 'object' && v !== null && !isEmpty(v)) return `${pad}${key(k)}:\n${write(v, indent + 2)}`;
        return `${pad}${key(k)}: ${typeof v === 'object' && v !== null ? write(v, 0) : scalar(v)}`;
      })
      .join('\n');
  }
  return scalar(value);
}
