import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { promisify } from 'node:util';
import { DEBIAN_PREREQUISITES, ensureDebianPrerequisites, isPresent } from '../support/debian-prerequisites';

const run = promisify(execFile);

/**
 * The install path of the test prerequisites, checked against the machine's
 * Debian package database without uninstalling anything: each package can be
 * installed from the configured sources, the file or command the suite checks
 * for is one that package (or what it pulls in) installs — so installing it
 * makes the check pass, once — and with everything present nothing is done.
 */
describe('Debian prerequisites of the test suite', () => {
  it.each(DEBIAN_PREREQUISITES.map((p) => [p.package, p] as const))('%s can be installed and provides what the suite checks for', async (_, prerequisite) => {
    const policy = (await run('apt-cache', ['policy', prerequisite.package])).stdout;
    expect(policy).toMatch(/Candidate: (?!\(none\))\S+/);

    const path = 'file' in prerequisite.provides ? prerequisite.provides.file : (await run('sh', ['-c', `command -v ${prerequisite.provides.command}`])).stdout.trim();
    // dpkg names the package that owns a path (for a symlink such as /usr/bin/gcc, the link's own package).
    const owner = (await run('dpkg', ['-S', path]).catch(() => run('dpkg', ['-S', realpathSync(path)]))).stdout.split(':')[0].trim();
    const depends = (
      await run('apt-cache', ['depends', '--recurse', '--no-recommends', '--no-suggests', '--no-conflicts', '--no-breaks', '--no-replaces', '--no-enhances', prerequisite.package], {
        maxBuffer: 64 << 20,
      })
    ).stdout;
    const closure = new Set(depends.split('\n').map((line) => line.replace(/^\s*(\|?(Pre)?Depends: )?/, '').replace(/[<>]/g, '').trim()).filter(Boolean));
    expect(closure.has(owner)).toBe(true);
  });

  it('resolves one install of all of them (apt-get --simulate)', async () => {
    const { stdout } = await run('apt-get', ['install', '--simulate', '-qq', ...DEBIAN_PREREQUISITES.map((p) => p.package)]);
    expect(stdout).not.toMatch(/^E:/m);
  });

  it('does nothing when everything is present', async () => {
    expect(DEBIAN_PREREQUISITES.filter((p) => !isPresent(p))).toEqual([]);
    const lines: string[] = [];
    expect(await ensureDebianPrerequisites((line) => lines.push(line))).toEqual({ kind: 'ready' });
    expect(lines).toEqual([]);
  });
});
