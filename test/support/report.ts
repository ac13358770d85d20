import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '@pb/testing';

/** Where each part of the reliability and security suite leaves its figures for the closing summary. */
export const REPORT_DIR = process.env.PB_REPORT_DIR ?? path.join(REPO_ROOT, '.data/reliability-report');

export type Figures = Record<string, number | string | string[]>;

/** Adds to (or replaces) this part's figures; numbers add up across calls. */
export function record(part: string, figures: Figures): void {
  mkdirSync(REPORT_DIR, { recursive: true });
  const file = path.join(REPORT_DIR, `${part}.json`);
  let current: Figures = {};
  try {
    current = JSON.parse(readFileSync(file, 'utf8')) as Figures;
  } catch {
    /* first figures of this part */
  }
  for (const [k, v] of Object.entries(figures)) {
    const old = current[k];
    if (typeof v === 'number' && typeof old === 'number') current[k] = old + v;
    else if (Array.isArray(v) && Array.isArray(old)) current[k] = [...old, ...v];
    else current[k] = v;
  }
  writeFileSync(file, JSON.stringify({ ...current, updatedAt: new Date().toISOString() }, null, 2));
}

export function readReport(): Record<string, Figures> {
  const out: Record<string, Figures> = {};
  try {
    for (const f of readdirSync(REPORT_DIR)
      .filter((n) => n.endsWith('.json'))
      .sort())
      out[f.replace(/\.json$/, '')] = JSON.parse(readFileSync(path.join(REPORT_DIR, f), 'utf8'));
  } catch {
    /* nothing recorded */
  }
  return out;
}

/** Prints a scenario's line as the suite goes (jest shows console output of the test). */
export function say(line: string): void {
  process.stdout.write(`[reliability] ${line}\n`);
}
