/** The multi-process Kafka tests (test/scale) alone: `npm run test:scale`. `npm test` runs them too (jest.config.js). See README "Tests". */
const base = require('./jest.config');

module.exports = {
  testTimeout: base.testTimeout,
  forceExit: base.forceExit,
  projects: base.projects.filter((p) => p.displayName === 'scale'),
};
