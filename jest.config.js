/**
 * One jest run for the whole repo. Type checking happens once in `npm test`
 * (tsc --noEmit), so ts-jest only transpiles here.
 */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts', '<rootDir>/tools/**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleNameMapper: {
    '^@pb/(contracts|messaging|membership-reference|platform|testing)$': '<rootDir>/libs/$1/src',
    '^@pb/(contracts|messaging|membership-reference|platform|testing)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  globalSetup: '<rootDir>/test/global-setup.js',
  setupFiles: ['<rootDir>/test/isolated-topics.js'],
  testTimeout: 60000,
  reporters: ['default'],
};
