/**
 * Test tiers, one jest project each (`npm test` runs them all in one jest run; `--selectProjects NAME` runs one):
 * - unit: pure specs beside the code, no I/O;
 * - medium: services and repositories in a Nest context on a fresh copy of the migrated template database, no HTTP (test/medium);
 * - integration: the whole app over HTTP, sockets and its peers' stand-ins (test/integration);
 * - browser: the web workspace in Chromium against a running inbox (test/browser);
 * - scale: several built processes per test on the Kafka mock cluster (test/scale; also `npm run test:scale`).
 */
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

// One PostgreSQL and one migrated template for the whole run: jest runs a global setup module once however
// many selected projects name it, so every tier below names the same one.
const withDatabase = {
  ...common,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

module.exports = {
  testTimeout: 60_000,
  // On 2 cores jest runs the files in its own process; a library timer left behind by one file
  // (one run kept 20 timeouts alive after the last test) must not hold `npm test` open until CI's limit.
  forceExit: true,
  // One process ran every file and grew past its 4 GB heap after 25 minutes (what each file leaves behind adds
  // up over ~240 files): a worker process instead, replaced after any file that leaves it above this size.
  // Setting it also keeps jest from running in its own process on a 2-core machine.
  workerIdleMemoryLimit: '1536MB',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/*/src/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts', '<rootDir>/test/support/**/*.spec.ts'] },
    { ...withDatabase, displayName: 'medium', testMatch: ['<rootDir>/test/medium/**/*.test.ts'] },
    { ...withDatabase, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...withDatabase, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
    { ...withDatabase, displayName: 'scale', testMatch: ['<rootDir>/test/scale/**/*.test.ts'] },
  ],
};
