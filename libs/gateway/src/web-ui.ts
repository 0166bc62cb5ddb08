import { Logger, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';

/**
 * Serves the agents' web workspace (apps/web, built by `npm run build`) at `/`.
 * Screens are hash routes, so one index.html serves them all. Hashed assets are
 * cached for good; index.html is always revalidated so a new build shows at once.
 */
export function serveWebUi(app: INestApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  const dir = config.webUiDir ? resolve(config.webUiDir) : resolve(findRepoRoot(__dirname), 'apps/web/dist');
  if (!existsSync(resolve(dir, 'index.html'))) {
    new Logger('WebUi').warn(`No web workspace at ${dir}: run "npm run build:web" (the API and webhooks work without it)`);
    return;
  }
  (app as NestExpressApplication).useStaticAssets(dir, {
    index: 'index.html',
    setHeaders: (res, path) => {
      res.setHeader('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
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
