#!/usr/bin/env node
// Prints the closing summary of the reliability and security suite from the figures its
// tests left in .data/reliability-report (npm test runs this after jest), and scans every
// log line the run's app processes wrote (.data/test-logs, see libs/testing app-process.ts)
// for resident ID numbers: exit code 1 if one is found, else 0.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = process.env.PB_REPORT_DIR ?? path.join(ROOT, '.data/reliability-report');
const parts = fs.existsSync(dir)
  ? fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];
const logDir = process.env.PB_TEST_LOG_DIR ?? path.join(ROOT, '.data/test-logs');
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const validId = (id) => '10X98765432'[[...id.slice(0, 17)].reduce((a, d, i) => a + Number(d) * WEIGHTS[i], 0) % 11] === id[17].toUpperCase();
let logLines = 0;
const leaks = [];
for (const f of fs.existsSync(logDir) ? fs.readdirSync(logDir) : []) {
  fs.readFileSync(path.join(logDir, f), 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line) return;
      logLines += 1;
      for (const m of line.matchAll(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g)) if (validId(m[0])) leaks.push(`${f}:${i + 1}`);
    });
}
if (parts.length === 0 && logLines === 0) process.exit(0);

const out = ['', '──── reliability and security report ────'];
let lostOrDuplicated = 0;
for (const file of parts) {
  const figures = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  out.push(`${file.replace(/\.json$/, '')}:`);
  for (const [k, v] of Object.entries(figures)) {
    if (k === 'updatedAt') continue;
    if ((k === 'lost' || k === 'duplicated') && typeof v === 'number') lostOrDuplicated += v;
    if (Array.isArray(v)) for (const line of v) out.push(`    - ${line}`);
    else out.push(`    ${k}: ${v}`);
  }
}
out.push(`all app logs of this run: ${logLines} lines scanned, ${leaks.length} with an ID number${leaks.length ? ` (${leaks.slice(0, 5).join(', ')})` : ''}`);
out.push(`anything lost or duplicated: ${lostOrDuplicated}`);
out.push('─────────────────────────────────────────', '');
process.stdout.write(out.join('\n'));
process.exit(leaks.length ? 1 : 0);
