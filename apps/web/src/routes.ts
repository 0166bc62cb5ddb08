/**
 * Hash routes, so the gateway serves one static index.html for every screen.
 * Supervisor screens: `#/supervisor` (live dashboard), `#/reports`,
 * `#/classification-review` and `#/compliance` (the ASIC IDR data file;
 * `?source=&value=` opens the mapping at an inbox value that needs a code);
 * `#/manage/<section>`: the register, canned responses, macros, knowledge base,
 * templates and holidays, incidents; routing rules, custom fields, rules and business hours (admins).
 */
import { MANAGE_SECTIONS, type ManageSection } from './manage/manage-sections';
export type Route =
  | { name: 'queue' }
  | { name: 'case'; caseId: string }
  | { name: 'dashboard' }
  | { name: 'reports' }
  | { name: 'compliance'; focus?: { source: string; value: string } }
  | { name: 'users' }
  | { name: 'account' }
  | { name: 'manage'; section: ManageSection }
  | { name: 'classification-review' }
  | { name: 'customer'; customerId: string }
  | { name: 'retention' }
  | { name: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '/queue') return { name: 'queue' };
  if (path === '/supervisor') return { name: 'dashboard' };
  if (path === '/reports') return { name: 'reports' };
  const compliance = /^\/compliance(?:\?(.*))?$/.exec(path);
  if (compliance) {
    const query = new URLSearchParams(compliance[1] ?? '');
    const source = query.get('source');
    const value = query.get('value');
    return source && value ? { name: 'compliance', focus: { source, value } } : { name: 'compliance' };
  }
  if (path === '/users') return { name: 'users' };
  if (path === '/account') return { name: 'account' };
  const manage = /^\/manage\/([a-z]+)$/.exec(path);
  if (manage && (MANAGE_SECTIONS as readonly string[]).includes(manage[1])) return { name: 'manage', section: manage[1] as ManageSection };
  if (path === '/register') return { name: 'manage', section: 'register' };
  if (path === '/classification-review') return { name: 'classification-review' };
  if (path === '/retention') return { name: 'retention' };
  const customer = /^\/customers\/([0-9a-f-]{36})$/i.exec(path);
  if (customer) return { name: 'customer', customerId: customer[1].toLowerCase() };
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
    case 'compliance':
      return route.focus ? `#/compliance?${new URLSearchParams(route.focus).toString()}` : '#/compliance';
    case 'users':
      return '#/users';
    case 'account':
      return '#/account';
    case 'manage':
      return `#/manage/${route.section}`;
    case 'classification-review':
      return '#/classification-review';
    case 'customer':
      return `#/customers/${route.customerId}`;
    case 'retention':
      return '#/retention';
    case 'not-found':
      return `#${route.path}`;
  }
}
