/**
 * The import boundaries of eslint.config.mjs fire where they should and only there: snippets
 * linted as if they were files at the given paths, with the repository's own configuration.
 * Needs no Kafka and no database.
 */
import { execFileSync } from 'child_process';
import path from 'path';

const ROOT = path.resolve(__dirname, '..');

interface Finding {
  ruleId: string | null;
  line: number;
  message: string;
}
interface Snippet {
  name: string;
  filePath: string;
  code: string;
  /** The rule of each finding, in order; [] when the imports are allowed. */
  expect: string[];
}

const DOMAIN = 'apps/membership/src/domain/member/sample.ts';
const INFRASTRUCTURE = 'apps/membership/src/infrastructure/member/sample.ts';
const INTERFACE = 'apps/membership/src/interface/http/sample.ts';
const RESTRICTED = 'no-restricted-imports';
const PATHS = 'boundaries/paths';

/** `import { x } from 'y'` used once, so that no other rule has anything to say. */
const importing = (...specifiers: string[]) =>
  specifiers.map((s, i) => `import { a${i} } from '${s}';\n`).join('') + `export const used = [${specifiers.map((_, i) => `a${i}`).join(', ')}];\n`;

const SNIPPETS: Snippet[] = [
  // domain/: plain TypeScript
  { name: 'domain imports mongoose', filePath: DOMAIN, code: importing('mongoose'), expect: [RESTRICTED] },
  { name: 'domain imports Nest', filePath: DOMAIN, code: importing('@nestjs/common', '@nestjs/cqrs'), expect: [RESTRICTED, RESTRICTED] },
  { name: 'domain imports the MongoDB driver and kafkajs', filePath: DOMAIN, code: importing('mongodb', 'kafkajs'), expect: [RESTRICTED, RESTRICTED] },
  { name: 'domain imports a type from mongoose', filePath: DOMAIN, code: "import type { Model } from 'mongoose';\nexport type M = Model<unknown>;\n", expect: [RESTRICTED] },
  {
    name: 'domain imports infrastructure, application and interface',
    filePath: DOMAIN,
    code: importing('../../infrastructure/member/member.repository', '../../application/member/register-member.command', '../../interface/http/members.controller'),
    expect: [PATHS, PATHS, PATHS],
  },
  { name: "domain imports its app's module", filePath: DOMAIN, code: importing('../../membership.module'), expect: [PATHS] },
  {
    name: 'domain imports libs other than contracts, domain-error and actor',
    filePath: DOMAIN,
    code: importing('@pb/messaging', '@pb/platform', '@pb/platform/clock'),
    expect: [RESTRICTED, RESTRICTED, RESTRICTED],
  },
  {
    name: 'domain imports contracts, domain-error, actor, its own folder and node',
    filePath: DOMAIN,
    code: importing(
      '@pb/contracts',
      '@pb/contracts/membership',
      '@pb/platform/domain-error',
      '@pb/platform/auth/actor',
      '@pb/platform/auth/jurisdiction-scope',
      './member',
      '../organization/organization',
      'crypto',
    ),
    expect: [],
  },
  {
    name: "a domain folder named like an app ('../enterprise/enterprise') is the same app",
    filePath: 'apps/enterprise/src/domain/request/sample.ts',
    code: importing('../enterprise/enterprise'),
    expect: [],
  },

  // the other layers (the table in docs/architecture.md)
  {
    name: 'infrastructure imports mongoose, Nest, messaging, the domain and itself',
    filePath: INFRASTRUCTURE,
    code: importing('mongoose', '@nestjs/common', '@pb/messaging', '@pb/platform', '../../domain/member/member', '../aggregates', './member.schema'),
    expect: [],
  },
  { name: 'infrastructure imports application', filePath: INFRASTRUCTURE, code: importing('../../application/member/register-member.command'), expect: [PATHS] },
  { name: 'infrastructure imports interface', filePath: INFRASTRUCTURE, code: importing('../../interface/http/members.controller'), expect: [PATHS] },
  {
    name: 'infrastructure imports a type from application through baseUrl',
    filePath: 'apps/gateway/src/infrastructure/user/sample.ts',
    code: "import type { A } from 'apps/gateway/src/application/auth/user-accounts';\nexport type B = A;\n",
    expect: [PATHS],
  },
  {
    name: 'interface imports application, domain types, platform, membership-reference and Nest',
    filePath: INTERFACE,
    code: importing('../../application/member/register-member.command', '../../domain/member/member', '@pb/platform', '@pb/membership-reference', '@nestjs/common', '@nestjs/cqrs'),
    expect: [],
  },
  {
    name: 'interface imports infrastructure',
    filePath: INTERFACE,
    code: importing('../../infrastructure/aggregates', '../../infrastructure/member/member.schema'),
    expect: [PATHS, PATHS],
  },
  { name: 'interface imports mongoose and @nestjs/mongoose', filePath: INTERFACE, code: importing('mongoose', '@nestjs/mongoose'), expect: [RESTRICTED, RESTRICTED] },
  { name: 'interface imports the MongoDB driver', filePath: 'apps/gateway/src/interface/events/sample.ts', code: importing('mongodb'), expect: [RESTRICTED] },
  { name: 'interface imports a type from mongoose', filePath: INTERFACE, code: "import type { Model } from 'mongoose';\nexport type M = Model<unknown>;\n", expect: [RESTRICTED] },
  { name: 'interface imports kafkajs', filePath: INTERFACE, code: importing('kafkajs'), expect: [RESTRICTED] },
  { name: 'application imports interface', filePath: 'apps/membership/src/application/member/sample.ts', code: importing('../../interface/http/members.controller'), expect: [PATHS] },
  {
    name: 'application imports infrastructure, domain, mongoose and its neighbours',
    filePath: 'apps/membership/src/application/member/sample.ts',
    code: importing('../../infrastructure/aggregates', '../../domain/member/member', 'mongoose', '@nestjs/mongoose', './member-access', '../shared/common.dto'),
    expect: [],
  },
  {
    name: "the app's module wires every layer",
    filePath: 'apps/membership/src/membership.module.ts',
    code: importing('./infrastructure/aggregates', './interface/http/members.controller', './application/member/handlers', 'mongoose'),
    expect: [],
  },
  {
    name: "an app's test imports infrastructure and mongoose",
    filePath: 'apps/gateway/test/sample.spec.ts',
    code: importing('../src/infrastructure/user/user-tokens', 'mongoose'),
    expect: [],
  },

  // no app imports another app, no lib imports an app
  { name: 'an app imports another app', filePath: 'apps/gateway/src/application/sample.ts', code: importing('../../../membership/src/domain/member/member'), expect: [PATHS] },
  { name: "an app's test imports another app", filePath: 'apps/gateway/test/sample.spec.ts', code: importing('../../activities/src/activities.module'), expect: [PATHS] },
  { name: 'an app imports another app through baseUrl', filePath: 'apps/gateway/src/sample.ts', code: importing('apps/governance/src/governance.module'), expect: [PATHS] },
  {
    name: 'an app re-exports and import()s another app',
    filePath: 'apps/activities/src/sample.ts',
    code: "export { a } from '../../enterprise/src/a';\nexport const b = import('../../enterprise/src/b');\n",
    expect: [PATHS, PATHS],
  },
  { name: 'the console imports its own gateway', filePath: 'apps/gateway/console/src/sample.tsx', code: importing('../../src/domain/user/user'), expect: [] },
  { name: 'a lib imports an app', filePath: 'libs/platform/src/sample.ts', code: importing('../../../apps/gateway/src/main'), expect: [PATHS] },
  { name: 'a lib requires an app (.js)', filePath: 'libs/testing/sample.js', code: "module.exports = require('../../apps/membership/src/main');\n", expect: [PATHS] },
  {
    name: 'a root test imports several apps',
    filePath: 'test/support/sample.ts',
    code: importing('../../apps/membership/src/domain/member/id-number', '../../apps/enterprise/test/credit-codes'),
    expect: [],
  },

  // only the Kafka adapter imports kafkajs
  { name: 'an app imports kafkajs', filePath: 'apps/membership/src/infrastructure/sample.ts', code: importing('kafkajs'), expect: [RESTRICTED] },
  { name: 'messaging outside kafka/ imports kafkajs', filePath: 'libs/messaging/src/outbox/sample.ts', code: importing('kafkajs'), expect: [RESTRICTED] },
  { name: 'platform imports kafkajs', filePath: 'libs/platform/src/health/sample.ts', code: importing('kafkajs'), expect: [RESTRICTED] },
  { name: 'a script imports kafkajs', filePath: 'scripts/sample.mjs', code: importing('kafkajs'), expect: [RESTRICTED] },
  { name: 'the adapter imports kafkajs', filePath: 'libs/messaging/src/kafka/sample.ts', code: importing('kafkajs'), expect: [] },
  { name: 'tests and test helpers import kafkajs', filePath: 'apps/activities/test/sample.spec.ts', code: importing('kafkajs'), expect: [] },
  { name: 'a lib test imports kafkajs', filePath: 'libs/messaging/test/sample.spec.ts', code: importing('kafkajs'), expect: [] },
  { name: 'libs/testing imports kafkajs', filePath: 'libs/testing/src/sample.ts', code: importing('kafkajs'), expect: [] },
  { name: 'the benchmark imports kafkajs', filePath: 'bench/lib/sample.mjs', code: importing('kafkajs'), expect: [] },
  { name: "the analysts' CLI imports kafkajs", filePath: 'tools/analyst-cli/lib/sample.mjs', code: importing('kafkajs'), expect: [] },
];

describe('import boundaries (eslint.config.mjs)', () => {
  let findings: Map<string, Finding[]>;

  beforeAll(() => {
    const input = JSON.stringify(SNIPPETS.map(({ filePath, code }) => ({ filePath, code })));
    const output = execFileSync(process.execPath, [path.join(ROOT, 'test/support/lint-snippets.mjs')], { cwd: ROOT, input, encoding: 'utf8' });
    const results = JSON.parse(output) as Array<{ messages: Finding[] }>;
    findings = new Map(SNIPPETS.map((s, i) => [s.name, results[i].messages]));
  });

  it.each(SNIPPETS.map((s) => [s.name, s] as const))('%s', (_name, snippet) => {
    const found = findings.get(snippet.name) ?? [];
    expect({ file: snippet.filePath, rules: found.map((f) => f.ruleId) }).toEqual({ file: snippet.filePath, rules: snippet.expect });
  });

  it('says why, and what to use instead', () => {
    const message = (name: string) => findings.get(name)?.[0]?.message ?? '';
    expect(message('an app imports kafkajs')).toContain('MessageBroker port');
    expect(message('domain imports mongoose')).toContain('domain/ is plain TypeScript');
    expect(message('an app imports another app')).toContain('apps/gateway imports apps/membership');
    expect(message('a lib imports an app')).toContain('never depends on one');
    expect(message("domain imports its app's module")).toContain('outside domain/');
    expect(message('infrastructure imports application')).toContain('never imports application/ or interface/');
    expect(message('interface imports infrastructure')).toContain('never reaches a collection or store itself');
    expect(message('interface imports mongoose and @nestjs/mongoose')).toContain('a controller runs a query');
    expect(message('interface imports kafkajs')).toContain('MessageBroker port');
    expect(message('application imports interface')).toContain('interface/ calls the application');
  });
});
