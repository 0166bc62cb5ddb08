import './manage.css';
import { seesAllTeams } from '@inbox/contracts';
import { useWorkspace } from '../shell/workspace-context';
import { CannedScreen } from './canned-screen';
import { IncidentsScreen } from './incidents-screen';
import { KnowledgeScreen } from './knowledge-screen';
import { RegisterScreen } from './register-screen';
import { RoutingScreen } from './routing-screen';
import { RulesScreen } from './rules-screen';
import { BusinessHoursScreen } from './business-hours-screen';
import { TemplatesScreen } from './templates-screen';
import { MANAGE_SECTIONS, type ManageSection } from './manage-sections';


const TITLES: Record<ManageSection, string> = {
  register: 'Complaints register',
  canned: 'Canned responses',
  knowledge: 'Knowledge base',
  templates: 'Templates and holidays',
  incidents: 'Incidents',
  routing: 'Routing rules',
  rules: 'Rules',
  hours: 'Business hours',
};

const ADMIN_SECTIONS: readonly ManageSection[] = ['routing', 'rules', 'hours'];

/** Which sections a role sees: incidents are the supervisors', routing rules, rules and business hours the admins'; the rest everyone reads (and the API decides who edits). */
export function manageSections(supervisor: boolean, admin: boolean): ManageSection[] {
  return MANAGE_SECTIONS.filter((s) => (s !== 'incidents' || supervisor) && (!ADMIN_SECTIONS.includes(s) || admin));
}

/** What a team needs beside the queue, each on its own tab: the screens for what used to need the API. */
export function ManageScreen({ section }: { section: ManageSection }) {
  const ws = useWorkspace();
  const supervisor = seesAllTeams(ws.me);
  const admin = ws.me.role === 'admin';
  const sections = manageSections(supervisor, admin);
  return (
    <div className="mg-page" data-testid={`manage-${section}`}>
      <nav className="mg-tabs" aria-label="Manage">
        {sections.map((s) => (
          <a
            key={s}
            className={`mg-tab${s === section ? ' active' : ''}`}
            href={`#/manage/${s}`}
            aria-current={s === section ? 'page' : undefined}
            // On a phone the tabs scroll sideways: the open one is brought into view.
            ref={s === section ? (el) => el?.scrollIntoView({ block: 'nearest', inline: 'nearest' }) : undefined}
          >
            {TITLES[s]}
          </a>
        ))}
      </nav>
      {section === 'register' && <RegisterScreen />}
      {section === 'canned' && <CannedScreen />}
      {section === 'knowledge' && <KnowledgeScreen />}
      {section === 'templates' && <TemplatesScreen />}
      {section === 'incidents' &&
        (supervisor ? <IncidentsScreen /> : <p className="muted">Incidents are handled by supervisors and admins.</p>)}
      {section === 'routing' && (admin ? <RoutingScreen /> : <p className="muted">Routing rules are set by admins.</p>)}
      {section === 'rules' && (admin ? <RulesScreen /> : <p className="muted">Rules are set by admins.</p>)}
      {section === 'hours' && (admin ? <BusinessHoursScreen /> : <p className="muted">Business hours are set by admins.</p>)}
    </div>
  );
}
