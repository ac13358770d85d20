/**
 * Two projects, told apart by file name:
 * - `unit`: every `*.spec.ts` that is not `*.e2e.spec.ts`; no broker, no database, no global set-up
 *   (`npm run test:unit`, seconds);
 * - `e2e`: `*.e2e.spec.ts`, against a real Kafka and a real database (provisioned by `npm test`).
 * `npm test` runs both. Type checking happens once in `npm test` (tsc --noEmit), so ts-jest only
 * transpiles here.
 */
const ROOTS = ['apps', 'libs', 'test', 'tools'];

const common = {
  rootDir: '.',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleNameMapper: {
    '^@pb/(contracts|messaging|membership-reference|platform|testing)$': '<rootDir>/libs/$1/src',
    '^@pb/(contracts|messaging|membership-reference|platform|testing)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
};

module.exports = {
  testTimeout: 60000,
  reporters: ['default'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ROOTS.map((root) => `<rootDir>/${root}/**/*.spec.ts`),
      testPathIgnorePatterns: ['/node_modules/', '\\.e2e\\.spec\\.ts$'],
      setupFiles: ['<rootDir>/test/unit-lane.js'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ROOTS.map((root) => `<rootDir>/${root}/**/*.e2e.spec.ts`),
      globalSetup: '<rootDir>/test/global-setup.js',
      setupFiles: ['<rootDir>/test/isolated-topics.js'],
    },
  ],
};
