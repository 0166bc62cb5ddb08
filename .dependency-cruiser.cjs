/**
 * Import boundaries (`npm run lint:boundaries`, part of `npm test`): the flow of docs/architecture.md in
 * code. Each library may import only the libraries listed for it; a backwards import fails the run, with no
 * exceptions. Any folder not named in an allowlist is forbidden to that library, so new libraries start out
 * outside it.
 *
 * The layers, lowest first: contracts; the pure rules (privacy, compliance, complaint-detection) over the
 * contracts; the platform (config, database, logging, HTTP plumbing), which may use the privacy rules (its
 * config parses the firm's redaction patterns); the bus, on the platform's database and config; the channels;
 * then the case side in the order of the flow; the gateway (HTTP controllers, socket gateways) at the edge,
 * and the apps that compose them.
 */

/** Folder names under libs/. */
const LIB = {
  contracts: 'contracts',
  platform: 'platform',
  bus: 'bus',
  privacy: 'privacy',
  compliance: 'compliance',
  complaintDetection: 'complaint-detection',
  channels: 'channels',
  // The case side: channels never import these (they are not in any lower library's allowlist).
  cases: 'cases',
  intake: 'intake',
  workspace: 'workspace',
  complaintHandling: 'complaint-handling',
  personalData: 'personal-data',
  supervisor: 'supervisor',
  auth: 'auth',
  gateway: 'gateway',
};

const lib = (...names) => {
  if (names.some((n) => typeof n !== 'string')) throw new Error(`.dependency-cruiser.cjs: a library name is not in LIB (${names.join(', ')})`);
  return `^libs/(?:${names.join('|')})/`;
};
/** Anything of ours that is not one of `allowed`: another library, an app, or test code from production code. */
const oursExcept = (...allowed) => ({ path: '^(?:libs|apps)/', pathNot: lib(...allowed) });

/** Frameworks and drivers that pure rule libraries stay free of (so they run anywhere, including the browser). */
const FRAMEWORK = '(?:^|/)node_modules/(?:@nestjs/|typeorm/|pg/|pg-[^/]+/|kafkajs/|express/|socket\\.io/|class-validator/|class-transformer/|rxjs/|react/|react-dom/)';

/** `name` may import only `allowed` of ours (and itself). */
function layer(name, description, allowed) {
  return {
    name: `${name}-imports-only-${allowed.length ? allowed.join('-') : 'itself'}`,
    comment: description,
    severity: 'error',
    from: { path: lib(LIB[name]) },
    to: oursExcept(LIB[name], ...allowed.map((a) => LIB[a])),
  };
}

/** Pure rule libraries: no framework, no database driver. */
function pure(name) {
  return {
    name: `${name}-is-pure`,
    comment: `libs/${name} holds pure rules: no NestJS, no database, no bus, no framework.`,
    severity: 'error',
    from: { path: lib(LIB[name]) },
    to: { path: FRAMEWORK },
  };
}

module.exports = {
  forbidden: [
    layer('contracts', 'libs/contracts is the shared vocabulary of server and web app: it imports nothing of ours.', []),
    pure('contracts'),
    layer('privacy', 'libs/privacy holds pure rules over the contracts.', ['contracts']),
    pure('privacy'),
    layer('platform', 'libs/platform (config, database, logging, HTTP plumbing) builds on the contracts and the pure privacy rules.', ['contracts', 'privacy']),
    layer('bus', 'libs/bus (the bus, its Nest module, the dead-letter store) builds on the platform.', ['contracts', 'privacy', 'platform']),
    layer('compliance', 'libs/compliance holds the pure RG 271 rules over the contracts (its services live elsewhere).', ['contracts']),
    pure('compliance'),
    layer('complaintDetection', 'The classifier (libs/complaint-detection) works on the contracts only.', ['contracts']),
    pure('complaintDetection'),
    layer(
      'channels',
      'libs/channels turns vendor traffic into contract messages and back; it never reaches into the case side ' +
        '(cases, intake, workspace, compliance services, supervisor, gateway): it owns ports that the case side implements.',
      ['contracts', 'platform', 'bus', 'privacy'],
    ),
    // The case side, in the order of the flow: each library builds only on those before it.
    layer('cases', 'libs/cases is the case store (reads, events, outbox, delivery log): it builds on the pure rules and the platform.', ['contracts', 'platform', 'bus', 'privacy', 'compliance', 'complaintDetection']),
    layer('auth', 'libs/auth (staff identity, sessions, sign-in) builds on the platform only.', ['contracts', 'platform', 'bus', 'privacy']),
    layer('workspace', 'libs/workspace (what agents do to cases) builds on the case store.', ['contracts', 'platform', 'bus', 'privacy', 'compliance', 'complaintDetection', 'cases', 'auth']),
    layer('complaintHandling', 'libs/complaint-handling (the RG 271 services) builds on the workspace and the case store.', ['contracts', 'platform', 'bus', 'privacy', 'compliance', 'complaintDetection', 'cases', 'auth', 'workspace']),
    layer(
      'intake',
      'libs/intake (messages into customers and cases) builds on complaint handling, the workspace and the case store, and implements the ports that libs/channels owns.',
      ['contracts', 'platform', 'bus', 'privacy', 'compliance', 'complaintDetection', 'channels', 'cases', 'auth', 'workspace', 'complaintHandling'],
    ),
    layer('personalData', 'libs/personal-data (export, erasure, retention) builds on complaint handling and the case store.', ['contracts', 'platform', 'bus', 'privacy', 'compliance', 'cases', 'complaintHandling']),
    layer('supervisor', 'libs/supervisor (volumes, queue health, reports) reads the case side.', ['contracts', 'platform', 'bus', 'privacy', 'compliance', 'complaintDetection', 'cases', 'auth', 'workspace', 'complaintHandling', 'intake']),
    {
      name: 'nothing-below-imports-the-gateway',
      comment: 'libs/gateway (HTTP controllers and socket gateways) is the edge; only apps/* import it.',
      severity: 'error',
      from: { path: '^libs/', pathNot: lib(LIB.gateway) },
      to: { path: lib(LIB.gateway) },
    },
    {
      name: 'libraries-do-not-import-apps',
      comment: 'apps/* compose the libraries into processes; a library never imports an app.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'web-imports-only-contracts',
      comment: 'The web app shares @inbox/contracts with the server and nothing else of ours.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^(?:libs|apps)/', pathNot: ['^libs/contracts/', '^apps/web/'] },
    },
    {
      name: 'nothing-imports-the-web-app',
      comment: 'apps/web is built by Vite on its own; server code and other apps do not import it (tests may).',
      severity: 'error',
      from: { path: '^(?:libs|apps)/', pathNot: '^apps/web/' },
      to: { path: '^apps/web/' },
    },
    {
      name: 'production-code-does-not-import-tests',
      comment: 'test/ and scripts/ serve the tests and tools; only specs and other tests import them.',
      severity: 'error',
      from: { path: '^(?:libs|apps)/', pathNot: '\\.spec\\.tsx?$' },
      to: { path: '^(?:test|scripts|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(?:dist|apps/web/dist|coverage|node_modules|\\.data|\\.data-demo|bench/results)/' },
    // Type-only imports are dependencies too: a contract type imported from the case store couples the layers.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    skipAnalysisNotInRules: true,
  },
};
