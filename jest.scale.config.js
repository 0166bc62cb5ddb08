/** The multi-process Kafka tests (test/scale): `npm run test:scale`. See README "Tests". */
const base = require('./jest.config');

const integration = base.projects.find((p) => p.displayName === 'integration');

module.exports = {
  testTimeout: 60_000,
  projects: [{ ...integration, displayName: 'scale', testMatch: ['<rootDir>/test/scale/**/*.test.ts'] }],
};
