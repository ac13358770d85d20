#!/usr/bin/env node
// Writes the event catalogue from libs/contracts: the versioned JSON Schema files
// (libs/contracts/schemas/<context>/<Name>.v<N>.json and their analyst forms),
// docs/events/asyncapi.yaml and docs/events/catalogue.md. Tests fail while any of
// them is stale. A published schema whose validation changed is refused: publish
// a new version instead (docs/analyst-streams.md, "Compatibility").
//   node scripts/generate-event-docs.mjs           write what changed
//   node scripts/generate-event-docs.mjs --check   only report, exit 1 when stale
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// The contracts are plain TypeScript with relative imports: transpiling them on the fly needs no build.
require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' }, project: path.join(ROOT, 'tsconfig.base.json') });
const contracts = require(path.join(ROOT, 'libs/contracts/src/index.ts'));

const check = process.argv.includes('--check');
const problems = [];
const changed = [];

function write(rel, content) {
  const file = path.join(ROOT, rel);
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  if (before === content) return;
  changed.push(rel);
  if (check) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

const schemaRoot = path.join(ROOT, contracts.SCHEMA_ROOT);
const wanted = contracts.schemaFiles();
for (const [rel, schema] of wanted) {
  const file = path.join(schemaRoot, rel);
  const analyst = rel.startsWith('schemas/analyst/');
  if (!analyst && fs.existsSync(file)) {
    const committed = JSON.parse(fs.readFileSync(file, 'utf8'));
    const breaking = contracts.incompatibleChanges(committed, schema);
    if (breaking.length > 0) {
      problems.push(`${rel}: incompatible change to a published version (${breaking.join('; ')}); define a new version instead`);
      continue;
    }
  }
  write(path.join(contracts.SCHEMA_ROOT, rel), `${JSON.stringify(schema, null, 2)}\n`);
}
// A published version stays as long as its events may be in the topics (forever).
for (const context of fs.existsSync(path.join(schemaRoot, 'schemas')) ? fs.readdirSync(path.join(schemaRoot, 'schemas')) : []) {
  if (context === 'analyst') continue;
  for (const name of fs.readdirSync(path.join(schemaRoot, 'schemas', context))) {
    const rel = `schemas/${context}/${name}`;
    if (!wanted.has(rel)) problems.push(`${rel}: published version no longer defined in libs/contracts; keep its definition`);
  }
}
for (const [rel, content] of contracts.renderEventDocs()) write(rel, content);

for (const rel of changed) process.stderr.write(`${check ? 'stale' : 'wrote'} ${rel}\n`);
for (const problem of problems) process.stderr.write(`error: ${problem}\n`);
if (problems.length > 0 || (check && changed.length > 0)) process.exit(1);
process.stderr.write(`${check ? 'up to date' : 'done'}: ${wanted.size} schema files, docs/events/asyncapi.yaml, docs/events/catalogue.md\n`);
