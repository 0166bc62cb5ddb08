/**
 * Import boundaries (`npm run lint:boundaries`, part of `npm test`): the flow of docs/architecture.md in
 * code. Each library may import only the libraries listed for it; a backwards import fails the run.
 *
 * Folders are named both as they are today and as they will be after the restructuring (issue 27):
 * libs/triage → libs/complaint-detection, libs/realtime → libs/gateway, libs/cases split into
 * libs/cases (case store), libs/intake, libs/workspace, libs/supervisor and compliance services. Any folder
 * not named in an allowlist is forbidden to that library, so new libraries start out outside it.
 */

/** Folder-name alternatives under libs/ for one library, today's name and the target name together. */
const LIB = {
  contracts: 'contracts',
  platform: 'platform',
  bus: 'bus',
  privacy: 'privacy',
  compliance: 'compliance',
  complaintDetection: '(?:complaint-detection|triage)',
  channels: 'channels',
  // The case side: channels never import these (they are not in any lower library's allowlist).
  cases: 'cases',
  intake: 'intake',
  workspace: 'workspace',
  complaintHandling: 'complaint-handling',
  personalData: 'personal-data',
  supervisor: 'supervisor',
  auth: 'auth',
  gateway: '(?:gateway|realtime)',
};

const lib = (...names) => {
  if (names.some((n) => typeof n !== 'string')) throw new Error(`.dependency-cruiser.cjs: a library name is not in LIB (${names.join(', ')})`);
  return `^libs/(?:${names.join('|')})/`;
};
/** Anything of ours that is not one of `allowed`: another library, an app, or test code from production code. */
const oursExcept = (...allowed) => ({ path: '^(?:libs|apps)/', pathNot: lib(...allowed) });

/** Frameworks and drivers that pure rule libraries stay free of (so they run anywhere, including the browser). */
const FRAMEWORK = '(?:^|/)node_modules/(?:@nestjs/|typeorm/|pg/|pg-[^/]+/|kafkajs/|express/|socket\\.io/|class-validator/|class-transformer/|rxjs/|react/|react-dom/)';

/**
 * TEMPORARY (the lead deletes this list after issue 27's restructuring is merged; delete a line as soon as
 * its import is gone). Backwards imports in today's tree, each allowed only from the file named and only to
 * the one library named, so an excepted file still fails on any other backwards import.
 */
const TEMPORARY_EXCEPTIONS = [
  // libs/channels → @inbox/triage for normalizePhone and deterministicMessageId, helpers that live in the
  // classifier library: move them below channels, or add complaintDetection to the channels allowlist.
  ...['twilio/twilio-fields.ts', 'webchat/webchat-visitor-message.ts', 'meta/whatsapp.parser.ts', 'email/mailbox-importer.ts'].map((file) => ({
    layer: 'channels',
    file: `libs/channels/src/${file}`,
    to: 'complaintDetection',
  })),
  // libs/platform → @inbox/bus (BusModule, health check, dead-letter store) and @inbox/privacy (redaction,
  // firm patterns in config): in the target the platform sits below both.
  ...['bus/bus.module.ts', 'bus/kafka-security.spec.ts', 'database/dead-letter.store.ts', 'health/health.controller.ts'].map((file) => ({
    layer: 'platform',
    file: `libs/platform/src/${file}`,
    to: 'bus',
  })),
  ...['database/dead-letter.store.ts', 'config/app-config.ts'].map((file) => ({ layer: 'platform', file: `libs/platform/src/${file}`, to: 'privacy' })),
];

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exceptedFiles = (name) => [...new Set(TEMPORARY_EXCEPTIONS.filter((e) => e.layer === name).map((e) => `^${escapeRegExp(e.file)}$`))];

/** `name` may import only `allowed` of ours (and itself); a temporarily excepted file also its one extra library. */
function layer(name, description, allowed) {
  const rule = (suffix, from, extra) => ({
    name: `${name}-imports-only-${allowed.length ? allowed.join('-') : 'itself'}${suffix}`,
    comment: description,
    severity: 'error',
    from,
    to: oursExcept(LIB[name], ...[...allowed, ...extra].map((a) => LIB[a])),
  });
  const extraByFile = new Map();
  for (const e of TEMPORARY_EXCEPTIONS.filter((x) => x.layer === name)) extraByFile.set(e.file, [...(extraByFile.get(e.file) ?? []), e.to]);
  return [
    rule('', { path: lib(LIB[name]), pathNot: exceptedFiles(name) }, []),
    ...[...extraByFile].map(([file, extra]) => rule(`-temporarily-also-${extra.join('-')}`, { path: `^${escapeRegExp(file)}$` }, extra)),
  ];
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
    ...layer('contracts', 'libs/contracts is the shared vocabulary of server and web app: it imports nothing of ours.', []),
    pure('contracts'),
    ...layer('platform', 'libs/platform (config, database, logging) builds on the contracts only.', ['contracts']),
    ...layer('bus', 'libs/bus builds on the contracts and the platform.', ['contracts', 'platform']),
    ...layer('privacy', 'libs/privacy holds pure rules over the contracts.', ['contracts']),
    pure('privacy'),
    ...layer('compliance', 'libs/compliance holds the pure RG 271 rules over the contracts (its services live elsewhere).', ['contracts']),
    pure('compliance'),
    ...layer('complaintDetection', 'The classifier (libs/complaint-detection, today libs/triage) works on the contracts only.', ['contracts']),
    pure('complaintDetection'),
    ...layer(
      'channels',
      'libs/channels turns vendor traffic into contract messages and back; it never reaches into the case side ' +
        '(cases, intake, workspace, compliance services, supervisor, gateway): it owns ports that the case side implements.',
      ['contracts', 'platform', 'bus', 'privacy'],
    ),
    // The case side, in the order of the flow: each library builds only on those before it.
    ...layer('cases', 'libs/cases is the case store (reads, events, outbox, delivery log): it builds on the pure rules and the platform.', ['contracts', 'platform', 'bus', 'privacy', 'compliance', 'complaintDetection']),
    ...layer('auth', 'libs/auth (staff identity, sessions, sign-in) builds on the platform only.', ['contracts', 'platform', 'bus', 'privacy']),
    ...layer('workspace', 'libs/workspace (what agents do to cases) builds on the case store.', ['contracts', 'platform', 'bus', 'privacy', 'compliance', 'complaintDetection', 'cases', 'auth']),
    ...layer('complaintHandling', 'libs/complaint-handling (the RG 271 services) builds on the workspace and the case store.', ['contracts', 'platform', 'bus', 'privacy', 'compliance', 'complaintDetection', 'cases', 'auth', 'workspace']),
    ...layer(
      'intake',
      'libs/intake (messages into customers and cases) builds on complaint handling, the workspace and the case store, and implements the ports that libs/channels owns.',
      ['contracts', 'platform', 'bus', 'privacy', 'compliance', 'complaintDetection', 'channels', 'cases', 'auth', 'workspace', 'complaintHandling'],
    ),
    ...layer('personalData', 'libs/personal-data (export, erasure, retention) builds on complaint handling and the case store.', ['contracts', 'platform', 'bus', 'privacy', 'compliance', 'cases', 'complaintHandling']),
    ...layer('supervisor', 'libs/supervisor (volumes, queue health, reports) reads the case side.', ['contracts', 'platform', 'bus', 'privacy', 'compliance', 'complaintDetection', 'cases', 'auth', 'workspace', 'complaintHandling', 'intake']),
    {
      name: 'nothing-below-imports-the-gateway',
      comment: 'libs/gateway (today libs/realtime: HTTP controllers and socket gateways) is the edge; only apps/* import it.',
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
    exclude: { path: '^(?:dist|coverage|node_modules|\\.data|\\.data-demo|bench/results)/' },
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
