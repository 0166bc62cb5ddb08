import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruiseBoundaries, type BoundaryReport } from './cruise-boundaries';

/**
 * The boundary rules of .dependency-cruiser.cjs catch backwards imports. The fixtures live in a scratch copy
 * of the repository's layout (same tsconfig paths, same rules, the real node_modules) so that no file appears
 * in libs/ while other checks read it.
 */
const REPOSITORY = join(__dirname, '..', '..');

const FIXTURES: Record<string, string> = {
  // Libraries the fixtures import; their content does not matter.
  ...Object.fromEntries(['contracts', 'privacy', 'platform', 'bus', 'complaint-detection', 'cases', 'gateway', 'workspace'].map((lib) => [`libs/${lib}/src/index.ts`, 'export const marker = 1;\n'])),
  // Backwards: the contracts import nothing of ours, and no framework.
  'libs/contracts/src/backwards.ts': "import { marker } from '@inbox/platform';\nexport const value = marker;\n",
  'libs/contracts/src/framework.ts': "import { Injectable } from '@nestjs/common';\nexport const value = Injectable;\n",
  // Backwards: a channel reaching into the case store, the gateway or the classifier.
  'libs/channels/src/telegram/new-sender.ts': "import { marker } from '@inbox/cases';\nexport const value = marker;\n",
  'libs/channels/src/channels.module.ts': "import { marker } from '@inbox/cases';\nimport { marker as gateway } from '@inbox/gateway';\nexport const value = [marker, gateway];\n",
  'libs/channels/src/twilio/phone.ts': "import { marker } from '@inbox/complaint-detection';\nexport const value = marker;\n",
  // Backwards: the platform sits below the bus.
  'libs/platform/src/bus-wiring.ts': "import { marker } from '@inbox/bus';\nexport const value = marker;\n",
  // Channels never import the workspace; the classifier only the contracts (relative paths are caught too).
  'libs/channels/src/email/assign.ts': "import { marker } from '../../../workspace/src';\nexport const value = marker;\n",
  'libs/complaint-detection/src/classify.ts': "import { marker } from '../../bus/src';\nexport const value = marker;\n",
  // Nothing below the gateway imports it.
  'libs/cases/src/case-store.ts': "import { marker } from '@inbox/gateway';\nexport const value = marker;\n",
  // The web app shares the contracts only.
  'apps/web/src/screen.tsx': "import { marker } from '@inbox/cases';\nimport { marker as shared } from '@inbox/contracts';\nexport const value = [marker, shared];\n",
  // Forwards imports pass.
  'libs/bus/src/publisher.ts': "import { marker } from '@inbox/platform';\nimport { marker as shared } from '@inbox/contracts';\nexport const value = [marker, shared];\n",
  'libs/bus/src/dead-letters.ts': "import { marker } from '@inbox/privacy';\nexport const value = marker;\n",
  'libs/platform/src/config.ts': "import { marker } from '@inbox/privacy';\nimport { marker as shared } from '@inbox/contracts';\nexport const value = [marker, shared];\n",
  'apps/inbox/src/main.ts': "import { marker } from '@inbox/gateway';\nimport { marker as cases } from '@inbox/cases';\nexport const value = [marker, cases];\n",
};

let scratch: string;
let report: BoundaryReport;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'boundaries-'));
  for (const [path, text] of Object.entries(FIXTURES)) {
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), text);
  }
  copyFileSync(join(REPOSITORY, 'tsconfig.json'), join(scratch, 'tsconfig.json'));
  copyFileSync(join(REPOSITORY, '.dependency-cruiser.cjs'), join(scratch, '.dependency-cruiser.cjs'));
  symlinkSync(join(REPOSITORY, 'node_modules'), join(scratch, 'node_modules'), 'dir');
  report = await cruiseBoundaries(scratch, ['libs', 'apps'], join(scratch, '.dependency-cruiser.cjs'));
}, 60_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** The violations of one fixture file, as "rule → imported file". */
function violationsOf(from: string): string[] {
  return report.violations
    .filter((v) => v.from === from)
    .map((v) => `${v.rule} → ${v.to.replace(/^.*node_modules\//, 'node_modules/')}`)
    .sort();
}

describe('import boundaries', () => {
  it('fails when the contracts import the platform, and prints the rule and the import', () => {
    expect(violationsOf('libs/contracts/src/backwards.ts')).toEqual(['contracts-imports-only-itself → libs/platform/src/index.ts']);
    expect(report.text).toContain('error contracts-imports-only-itself: libs/contracts/src/backwards.ts → libs/platform/src/index.ts');
  });

  it('fails when the contracts import a framework', () => {
    expect(violationsOf('libs/contracts/src/framework.ts')).toEqual(['contracts-is-pure → node_modules/@nestjs/common/index.js']);
  });

  it('fails when a channel imports the case store, the gateway or the classifier', () => {
    const channelsRule = 'channels-imports-only-contracts-platform-bus-privacy';
    expect(violationsOf('libs/channels/src/telegram/new-sender.ts')).toEqual([`${channelsRule} → libs/cases/src/index.ts`]);
    expect(violationsOf('libs/channels/src/channels.module.ts')).toEqual(
      [`${channelsRule} → libs/cases/src/index.ts`, `${channelsRule} → libs/gateway/src/index.ts`, 'nothing-below-imports-the-gateway → libs/gateway/src/index.ts'].sort(),
    );
    expect(violationsOf('libs/channels/src/twilio/phone.ts')).toEqual([`${channelsRule} → libs/complaint-detection/src/index.ts`]);
  });

  it('fails when the platform imports the bus', () => {
    expect(violationsOf('libs/platform/src/bus-wiring.ts')).toEqual(['platform-imports-only-contracts-privacy → libs/bus/src/index.ts']);
  });

  it('catches relative paths: channels never import the workspace; the classifier imports the contracts only', () => {
    expect(violationsOf('libs/channels/src/email/assign.ts')).toEqual(['channels-imports-only-contracts-platform-bus-privacy → libs/workspace/src/index.ts']);
    expect(violationsOf('libs/complaint-detection/src/classify.ts')).toEqual(['complaintDetection-imports-only-contracts → libs/bus/src/index.ts']);
  });

  it('fails when a library below the gateway imports it', () => {
    expect(violationsOf('libs/cases/src/case-store.ts')).toEqual([
      'cases-imports-only-contracts-platform-bus-privacy-compliance-complaintDetection → libs/gateway/src/index.ts',
      'nothing-below-imports-the-gateway → libs/gateway/src/index.ts',
    ]);
  });

  it('fails when the web app imports a server library', () => {
    expect(violationsOf('apps/web/src/screen.tsx')).toEqual(['web-imports-only-contracts → libs/cases/src/index.ts']);
  });

  it('passes forwards imports', () => {
    expect(violationsOf('libs/bus/src/publisher.ts')).toEqual([]);
    expect(violationsOf('libs/bus/src/dead-letters.ts')).toEqual([]);
    expect(violationsOf('libs/platform/src/config.ts')).toEqual([]);
    expect(violationsOf('apps/inbox/src/main.ts')).toEqual([]);
    // Nothing beyond the fixtures above failed.
    expect(report.violations).toHaveLength(13);
  });
});
