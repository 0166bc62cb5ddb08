/** Test tiers (STYLE 12): unit specs beside the code; integration and end-to-end under test/. */
// Transpile only (type-checking is `npm run typecheck`); keeps decorator metadata for NestJS DI.
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }];

const moduleNameMapper = {
  '^@inbox/(contracts|bus|platform|cases|triage|realtime|auth|channels|compliance|privacy)$': '<rootDir>/libs/$1/src',
};

const common = { transform: { '^.+\\.ts$': tsJest }, moduleNameMapper, testEnvironment: 'node' };

module.exports = {
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/*/src/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts', '<rootDir>/test/support/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      // test/scale: several built processes per test on the Kafka mock cluster (`npm run test:scale` runs just those).
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/browser/**/*.test.ts', '<rootDir>/test/scale/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
