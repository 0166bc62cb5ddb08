import { seesAllTeams } from '@inbox/contracts';
import { useWorkspace } from '../shell/workspace-context';
import { SupervisorDashboard } from './dashboard';
import { ReportsScreen } from './reports';
import { ComplianceScreen } from '../compliance/compliance-screen';
import { ClassificationReviewScreen } from './classification-review';

export type SupervisorRouteName = 'dashboard' | 'reports' | 'compliance' | 'classification-review';

export function isSupervisorRoute(name: string): name is SupervisorRouteName {
  return name === 'dashboard' || name === 'reports' || name === 'compliance' || name === 'classification-review';
}

/** The supervisor screens in place of the queue and case panes; agents are told they are for supervisors. */
export function SupervisorScreen({ name, focus }: { name: SupervisorRouteName; focus?: { source: string; value: string } }) {
  const ws = useWorkspace();
  if (!seesAllTeams(ws.me)) {
    return (
      <section className="sv-page">
        <h2>For supervisors</h2>
        <p className="muted">The dashboard, reports and the compliance screen are open to supervisors and admins.</p>
        <a className="btn" href="#/queue">Back to the queue</a>
      </section>
    );
  }
  if (name === 'compliance') return <ComplianceScreen focus={focus} />;
  if (name === 'classification-review') return <ClassificationReviewScreen />;
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
      <a className={`topnav-item${current === 'compliance' ? ' active' : ''}`} href="#/compliance">Compliance</a>
      <a className={`topnav-item${current === 'classification-review' ? ' active' : ''}`} href="#/classification-review">Review</a>
    </>
  );
}
