import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

/** What the test suite needs besides npm packages: real peers and a compiler, from Debian. */
export interface DebianPrerequisite {
  /** The Debian package that provides it. */
  package: string;
  /** What the tests use it for. */
  neededBy: string;
  /** A file the package installs (a path), or a command it puts on PATH. */
  provides: { file: string } | { command: string };
}

export const DEBIAN_PREREQUISITES: readonly DebianPrerequisite[] = [
  { package: 'librdkafka-dev', neededBy: 'the Kafka mock cluster', provides: { file: '/usr/include/librdkafka/rdkafka_mock.h' } },
  { package: 'gcc', neededBy: 'to compile the mock cluster launcher', provides: { command: 'gcc' } },
  { package: 'dovecot-imapd', neededBy: 'the IMAP server of the email tests', provides: { file: '/usr/sbin/dovecot' } },
  { package: 'chromium', neededBy: 'the browser tests', provides: { file: '/usr/bin/chromium' } },
  { package: 'openssl', neededBy: 'to make the app certificate of the Microsoft 365 certificate sign-in test', provides: { command: 'openssl' } },
];

export type PrerequisitePlan =
  | { kind: 'ready' }
  | { kind: 'install'; packages: string[]; commands: string[][] }
  | { kind: 'tell'; packages: string[]; message: string };

/**
 * What to do about the missing ones: nothing when none is missing; install
 * them when we are root and apt-get is there (a fresh machine, a CI job);
 * otherwise say which packages and the exact command to run.
 */
export function planPrerequisites(missing: readonly DebianPrerequisite[], host: { isRoot: boolean; hasAptGet: boolean }): PrerequisitePlan {
  if (missing.length === 0) return { kind: 'ready' };
  const packages = missing.map((p) => p.package);
  if (host.isRoot && host.hasAptGet) {
    return {
      kind: 'install',
      packages,
      // The package lists of a fresh image are empty; wait for another apt run rather than fail on its lock.
      commands: [
        ['apt-get', 'update', '-qq'],
        ['apt-get', 'install', '-y', '-qq', '-o', 'DPkg::Lock::Timeout=300', ...packages],
      ],
    };
  }
  const command = host.hasAptGet ? `sudo apt-get install -y ${packages.join(' ')}` : `install the Debian/Ubuntu packages ${packages.join(', ')} (or your system's equivalents)`;
  const why = missing.map((p) => `${p.package} (${p.neededBy})`).join(', ');
  return { kind: 'tell', packages, message: `The tests need ${why}, which ${missing.length === 1 ? 'is' : 'are'} missing: ${host.hasAptGet ? `run \`${command}\`` : command}.` };
}

export function isPresent(prerequisite: DebianPrerequisite): boolean {
  return 'file' in prerequisite.provides ? existsSync(prerequisite.provides.file) : onPath(prerequisite.provides.command);
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Run by the integration tests' global setup: installs what is missing
 * (quietly, once: afterwards nothing is missing) or prints what to run.
 * Never fails the run itself — the tests that need a missing peer fail with
 * their own message, and the others still run.
 */
export async function ensureDebianPrerequisites(
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  prerequisites: readonly DebianPrerequisite[] = DEBIAN_PREREQUISITES,
): Promise<PrerequisitePlan> {
  const missing = prerequisites.filter((p) => !isPresent(p));
  const plan = planPrerequisites(missing, { isRoot: process.getuid?.() === 0, hasAptGet: onPath('apt-get') });
  if (plan.kind === 'tell') log(plan.message);
  if (plan.kind !== 'install') return plan;
  const started = Date.now();
  log(`Installing the Debian packages the tests need: ${plan.packages.join(' ')} (once; apt-get, quietly)…`);
  try {
    for (const [command, ...args] of plan.commands) {
      await promisify(execFile)(command, args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, maxBuffer: 64 << 20 });
    }
  } catch (error) {
    const detail = String((error as { stderr?: string }).stderr || (error as Error).message).trim().split('\n').slice(-3).join(' ');
    log(`Could not install ${plan.packages.join(' ')} (${detail}): run \`apt-get install -y ${plan.packages.join(' ')}\` yourself.`);
    return plan;
  }
  const still = prerequisites.filter((p) => !isPresent(p)).map((p) => p.package);
  log(still.length ? `Installed, yet still missing: ${still.join(', ')}.` : `Installed in ${Math.round((Date.now() - started) / 1000)} s.`);
  return plan;
}
