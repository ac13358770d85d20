// Lints snippets of code as if they were files of this repository, with the repository's own
// eslint.config.mjs, through ESLint's Node API (test/lint-boundaries.spec.ts). Reads
// [{ filePath, code }] as JSON on standard input and writes, in the same order,
// [{ filePath, messages: [{ ruleId, line, message }] }] on standard output.
//
// A process of its own because ESLint loads eslint.config.mjs with import(), which jest's module
// sandbox refuses without node's --experimental-vm-modules.
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let input = '';
for await (const chunk of process.stdin) input += chunk;
// The snippets are no files of any tsconfig, so TypeScript has no program for them: linted without type
// information, and so without the type-aware promise rules (the boundaries need none).
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off', '@typescript-eslint/await-thenable': 'off' },
  },
});
const out = [];
for (const { filePath, code } of JSON.parse(input)) {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath), warnIgnored: true });
  out.push({ filePath, messages: result.messages.map(({ ruleId, line, message }) => ({ ruleId, line, message })) });
}
process.stdout.write(JSON.stringify(out));
