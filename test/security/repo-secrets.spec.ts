import { execFileSync } from 'child_process';
import { readFileSync, statSync } from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '@pb/testing';
import { record } from '../support/report';

/** Patterns of real credentials; a match in a tracked file fails the suite. */
const SECRET_PATTERNS: [string, RegExp][] = [
  ['private key', /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY-----/],
  ['AWS access key', /\bAKIA[0-9A-Z]{16}\b/],
  ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36,}\b/],
  ['Slack token', /\bxox[baprs]-[A-Za-z0-9-]{10,}/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['npm token', /\bnpm_[A-Za-z0-9]{36}\b/],
  ['signed JWT', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/],
  ['URL with a password', /\b(?:mongodb(?:\+srv)?|postgres(?:ql)?|amqp|redis):\/\/[^\s:/@'"`]+:[^\s@'"`$]{6,}@/],
];

/** Secret-looking assignments in production code and deployment files (tests use published test keys). */
const ASSIGNMENT = /\b(JWT_SECRET|INTERNAL_TOKEN_SECRET|MEMBERSHIP_DATA_KEY|ANALYST_PSEUDONYM_KEY|FIRST_ADMIN_PASSWORD|PASSWORD)\b\s*[:=]\s*["']([^"'$\s{]{12,})["']/;
const PLACEHOLDER = /REPLACE_ME|PLACEHOLDER|example|changeme/i;

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
}

describe('no secret in the repository', () => {
  it('has no private key, token or credential in any tracked file', () => {
    const findings: string[] = [];
    let scanned = 0;
    for (const file of trackedFiles()) {
      const full = path.join(REPO_ROOT, file);
      let text: string;
      try {
        if (statSync(full).size > 2_000_000) continue;
        text = readFileSync(full, 'utf8');
      } catch {
        continue; // deleted in the working tree
      }
      if (text.includes('\0')) continue; // binary
      scanned += 1;
      for (const [what, pattern] of SECRET_PATTERNS) if (pattern.test(text)) findings.push(`${file}: ${what}`);
      // libs/testing is the test harness: its keys are test keys, like those in the tests themselves.
      const isTest = /(^|\/)test\/|\.spec\.ts$|(^|\/)bench\/|^libs\/testing\//.test(file);
      if (!isTest) {
        for (const line of text.split('\n')) {
          const m = ASSIGNMENT.exec(line);
          if (m && !PLACEHOLDER.test(m[2])) findings.push(`${file}: ${m[1]} assigned a literal`);
        }
      }
    }
    record('secrets-and-logs', { 'tracked files scanned for secrets': scanned, 'secrets found in the repository': findings.length });
    expect(scanned).toBeGreaterThan(100);
    expect(findings).toEqual([]);
  });

  it('keeps local secrets and data out of git', () => {
    const tracked = trackedFiles();
    expect(tracked.filter((f) => /(^|\/)\.env(\.|$)|^\.data\/|secrets\.json$|\.pem$|\.p12$|id_rsa/.test(f))).toEqual([]);
    expect(readFileSync(path.join(REPO_ROOT, '.gitignore'), 'utf8')).toMatch(/^\.data\/?$/m);
  });
});
