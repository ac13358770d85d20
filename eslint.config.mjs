// ESLint for the whole repository: `npm run lint` (with `prettier --check`), and `npm test` before the type check.
//
// typescript-eslint's `recommended` set everywhere, without type information, plus three type-aware promise
// rules on production code (apps/*/src, libs/*/src, the console). Measured on this 2-core machine (load 3–4):
// `eslint .` over the ~600 files takes 7–8 s and 0.5 GB without them, 14–17 s and 1.3 GB with them on
// apps/*/src and libs/*/src, 17–20 s and 1.5 GB with the console too (its own small program). The cost is
// building the TypeScript programs, which `tsc --noEmit` in `npm test` builds again. The full
// `recommendedTypeChecked` set stays off: when measured it reported 1,660 findings, 1,400 of them `any` from
// supertest's response bodies in tests. Code that is no file of a tsconfig (the snippets of
// test/lint-boundaries.spec.ts) has no program: test/support/lint-snippets.mjs lints it without types.
//
// Prettier owns the layout (.prettierrc): eslint-config-prettier comes last and switches off every rule that
// would fight it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import boundaries from './tools/eslint/import-boundaries.mjs';

// Node's globals for the .js/.mjs files (in .ts/.tsx files, tsc answers for undefined names).
const NODE_GLOBALS = Object.fromEntries(
  (
    'AbortController AbortSignal Blob Buffer FormData Headers Request Response TextDecoder TextEncoder URL URLSearchParams ' +
    'clearImmediate clearInterval clearTimeout console fetch global performance process queueMicrotask setImmediate setInterval ' +
    'setTimeout structuredClone'
  )
    .split(' ')
    .map((name) => [name, 'readonly']),
);

const KAFKAJS_ONLY_IN_ADAPTER = {
  name: 'kafkajs',
  message: 'Only the Kafka adapter (libs/messaging/src/kafka/) imports kafkajs; everything else goes through the MessageBroker port of @pb/messaging.',
};

export default defineConfig(
  {
    ignores: [
      '**/node_modules/',
      'dist/',
      '.data/',
      'coverage/',
      'test-artifacts/',
      // generated: event docs and JSON Schemas (scripts/generate-event-docs.mjs), benchmark output
      'docs/events/',
      'libs/contracts/schemas/',
      'bench/results/',
      'bench/profiles/',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // typescript-eslint's version for every file (it understands JavaScript too). The code marks a
      // deliberately unused parameter or destructured value with a leading `_` (about 50 places), and
      // drops keys from a copy with `const { a, ...rest } = x`.
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // The promise rules, with type information, on production code: a promise nobody awaits in a consumer or
    // the relay could let an event be acknowledged before its write, and its rejection would go unhandled.
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts', 'apps/gateway/console/src/**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: NODE_GLOBALS } },
  {
    // Without "type": "module" in package.json every .js file is CommonJS (jest's config and set-up files, the image's health check).
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { __dirname: 'readonly', __filename: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // ── Import boundaries (docs/architecture.md) ──────────────────────────────────────────
  // Paths inside the repository (app → other app, lib → app, and the layers of an app: domain/ → outside
  // domain/, infrastructure/ → application/ or interface/, interface/ → infrastructure/, application/ → interface/):
  { plugins: { boundaries }, rules: { 'boundaries/paths': 'error' } },
  // Packages. A later entry for the same files replaces this rule's options, so the
  // domain and interface entries name kafkajs again.
  { rules: { 'no-restricted-imports': ['error', { paths: [KAFKAJS_ONLY_IN_ADAPTER] }] } },
  {
    files: ['apps/*/src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'mongoose', 'mongoose/*', 'mongodb', 'mongodb/*', 'kafkajs'],
              message: 'domain/ is plain TypeScript: no Nest, no mongoose or MongoDB driver, no Kafka client (docs/architecture.md).',
            },
            {
              // @pb/platform/auth/actor is plain types and constants (roles, jurisdiction scopes), and
              // auth/jurisdiction-scope plain functions over them (does a scope cover a record), which a
              // domain that models users and jurisdictions needs; the rest of @pb/platform is Nest plumbing.
              regex: '^@pb/(?!contracts(/|$)|platform/domain-error$|platform/auth/actor$|platform/auth/jurisdiction-scope$)',
              message:
                'domain/ uses @pb/contracts, @pb/platform/domain-error, @pb/platform/auth/actor and @pb/platform/auth/jurisdiction-scope only; the rest of the libs is infrastructure.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/*/src/interface/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [KAFKAJS_ONLY_IN_ADAPTER],
          patterns: [
            {
              group: ['mongoose', 'mongoose/*', '@nestjs/mongoose', '@nestjs/mongoose/*', 'mongodb', 'mongodb/*'],
              message: 'interface/ never reads a collection itself: a controller runs a query (or calls an application service) in application/, which reads it (docs/architecture.md).',
            },
          ],
        },
      ],
    },
  },
  {
    // May use kafkajs directly:
    files: [
      'libs/messaging/src/kafka/**', // the adapter itself
      // Tests and their helpers observe Kafka from outside, independently of the code under test
      // (exact bytes, offsets, raw consumers), and the benchmarks' baselines are raw kafkajs on purpose.
      '**/test/**',
      'libs/testing/**',
      'bench/**',
      // The analysts' CLI is a standalone plain-JavaScript client that analysts run on their own machines
      // against the analyst.* topics with their own credentials; it imports nothing of the platform (the
      // MessageBroker port is TypeScript inside the Nest apps' build) and a Kafka client is its whole job.
      'tools/analyst-cli/**',
      // The operators' dead-letter CLI likewise: plain JavaScript, run by hand, reading dead-letter topics and
      // re-driving their messages byte for byte is all it does.
      'tools/dead-letters/**',
    ],
    rules: { 'no-restricted-imports': 'off' },
  },

  prettier,
);
