/**
 * Hash routes, so the gateway serves one static index.html for every screen.
 * Supervisor screens: `#/supervisor` (live dashboard) and `#/reports`.
 */
export type Route =
  | { name: 'queue' }
  | { name: 'case'; caseId: string }
  | { name: 'dashboard' }
  | { name: 'reports' }
  | { name: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '/queue') return { name: 'queue' };
  if (path === '/supervisor') return { name: 'dashboard' };
  if (path === '/reports') return { name: 'reports' };
  const match = /^\/cases\/([0-9a-f-]{36})$/i.exec(path);
  if (match) return { name: 'case', caseId: match[1].toLowerCase() };
  return { name: 'not-found', path };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'queue':
      return '#/queue';
    case 'case':
      return `#/cases/${route.caseId}`;
    case 'dashboard':
      return '#/supervisor';
    case 'reports':
      return '#/reports';
    case 'not-found':
      return `#${route.path}`;
  }
}
