import { seesAllTeams } from '@inbox/contracts';
import { useWorkspace } from '../shell/workspace-context';
import { SupervisorDashboard } from './dashboard';
import { ReportsScreen } from './reports';

export type SupervisorRouteName = 'dashboard' | 'reports';

export function isSupervisorRoute(name: string): name is SupervisorRouteName {
  return name === 'dashboard' || name === 'reports';
}

/** The supervisor screens in place of the queue and case panes; agents are told they are for supervisors. */
export function SupervisorScreen({ name }: { name: SupervisorRouteName }) {
  const ws = useWorkspace();
  if (!seesAllTeams(ws.me)) {
    return (
      <section className="sv-page">
        <h2>For supervisors</h2>
        <p className="muted">The dashboard and reports are open to supervisors and admins.</p>
        <a className="btn" href="#/queue">Back to the queue</a>
      </section>
    );
  }
  return name === 'dashboard' ? <SupervisorDashboard /> : <ReportsScreen />;
}

/** Top-bar entries for supervisors and admins. */
export function SupervisorNavItems({ current }: { current: string }) {
  const ws = useWorkspace();
  if (!seesAllTeams(ws.me)) return null;
  return (
    <>
      <a className={`topnav-item${current === 'dashboard' ? ' active' : ''}`} href="#/supervisor">Dashboard</a>
      <a className={`topnav-item${current === 'reports' ? ' active' : ''}`} href="#/reports">Reports</a>
    </>
  );
}
