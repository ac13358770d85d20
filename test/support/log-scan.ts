import { existsSync, readFileSync } from 'fs';
import { idNumberCheck } from '@pb/testing';

export interface LogFinding {
  file: string;
  line: number;
  what: string;
}

/** 18-digit resident ID numbers with a valid GB 11643 check character (rarely anything else by chance). */
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

/**
 * Every log line of the given files, checked for the personal data the suite sent
 * (exact ID and phone numbers) and for anything shaped like a valid ID number.
 */
export function scanLogs(files: string[], personal: Set<string>): { lines: number; findings: LogFinding[] } {
  let lines = 0;
  const findings: LogFinding[] = [];
  const needles = [...personal];
  for (const file of new Set(files)) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8').split('\n');
    text.forEach((line, i) => {
      if (!line) return;
      lines += 1;
      for (const n of needles) if (line.includes(n)) findings.push({ file, line: i + 1, what: `${n.slice(0, 3)}…${n.slice(-2)}` });
      for (const m of line.matchAll(ID_NUMBER)) {
        const id = m[0];
        if (idNumberCheck(id.slice(0, 17)) === id[17].toUpperCase()) findings.push({ file, line: i + 1, what: `ID-number-shaped ${id.slice(0, 6)}…` });
      }
    });
  }
  return { lines, findings };
}
