/** Test tiers (docs/testing.md): unit specs beside the code; integration and end-to-end under test/. */
// Transpile only (type-checking is `npm run typecheck`); keeps decorator metadata for NestJS DI.
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }];

const moduleNameMapper = {
  '^@inbox/([a-z-]+)$': '<rootDir>/libs/$1/src',
};

// openid-client v6 and its dependencies, and otplib's base32 and hash libraries, ship only ES modules; Node ≥ 20.19 require()s them natively, jest's
// module loader does not, so they are transpiled to CommonJS for the tests.
const ESM_ONLY = ['openid-client', 'oauth4webapi', 'jose', '@scure/base', '@noble/hashes'];
const esmToCjs = ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true, module: 'commonjs', target: 'ES2022' } }];
const common = {
  transform: { '^.+\\.ts$': tsJest, [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: esmToCjs },
  // The innermost node_modules decides (otplib nests its own @noble/hashes).
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join("|")})/)(?!.*/node_modules/)`],
  moduleNameMapper,
  testEnvironment: 'node',
};

module.exports = {
  testTimeout: 60_000,
  // On 2 cores jest runs the files in its own process; a library timer left behind by one file
  // (one run kept 20 timeouts alive after the last test) must not hold `npm test` open until CI's limit.
  forceExit: true,
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
