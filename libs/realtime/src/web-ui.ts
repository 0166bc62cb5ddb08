import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Serves the agents' web UI at `/`: the built app when present, else the plain page in apps/web/public. */
export function serveWebUi(app: INestApplication): void {
  const root = findRepoRoot(__dirname);
  const dir = [resolve(root, 'apps/web/dist'), resolve(root, 'apps/web/public')].find((d) => existsSync(resolve(d, 'index.html')));
  if (dir) (app as NestExpressApplication).useStaticAssets(dir, { index: 'index.html' });
}

/** Works from the sources (tests) and from dist/ alike. */
function findRepoRoot(from: string): string {
  let dir = from;
  while (!existsSync(resolve(dir, 'apps/web'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}
