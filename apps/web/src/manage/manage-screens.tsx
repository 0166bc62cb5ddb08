import './manage.css';
import { seesAllTeams } from '@inbox/contracts';
import { useWorkspace } from '../shell/workspace-context';
import { CannedScreen } from './canned-screen';
import { IncidentsScreen } from './incidents-screen';
import { KnowledgeScreen } from './knowledge-screen';
import { MacrosScreen } from './macros-screen';
import { RegisterScreen } from './register-screen';
import { RoutingScreen } from './routing-screen';
import { FieldsScreen } from './fields-screen';
import { RulesScreen } from './rules-screen';
import { BusinessHoursScreen } from './business-hours-screen';
import { TemplatesScreen } from './templates-screen';
import { MANAGE_SECTIONS, type ManageSection } from './manage-sections';


const TITLES: Record<ManageSection, string> = {
  register: 'Complaints register',
  canned: 'Canned responses',
  macros: 'Macros',
  knowledge: 'Knowledge base',
  templates: 'Templates and holidays',
  incidents: 'Incidents',
  routing: 'Routing rules',
  fields: 'Fields',
  rules: 'Rules',
  hours: 'Business hours',
};

const ADMIN_SECTIONS: readonly ManageSection[] = ['routing', 'fields', 'rules', 'hours'];

/** Which sections a role sees: incidents are the supervisors', routing rules, fields, rules and business hours the admins'; the rest everyone reads (and the API decides who edits). */
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
          <a key={s} className={`mg-tab${s === section ? ' active' : ''}`} href={`#/manage/${s}`} aria-current={s === section ? 'page' : undefined}>
            {TITLES[s]}
          </a>
        ))}
      </nav>
      {/* A phone has no room for a row of tabs: one menu names the open section and lists the others. */}
      <label className="mg-section-pick">
        <span>Section</span>
        <select value={section} onChange={(e) => (window.location.hash = `#/manage/${e.target.value}`)}>
          {sections.map((s) => (
            <option key={s} value={s}>
              {TITLES[s]}
            </option>
          ))}
        </select>
      </label>
      {section === 'register' && <RegisterScreen />}
      {section === 'canned' && <CannedScreen />}
      {section === 'macros' && <MacrosScreen />}
      {section === 'knowledge' && <KnowledgeScreen />}
      {section === 'templates' && <TemplatesScreen />}
      {section === 'incidents' &&
        (supervisor ? <IncidentsScreen /> : <p className="muted">Incidents are handled by supervisors and admins.</p>)}
      {section === 'routing' && (admin ? <RoutingScreen /> : <p className="muted">Routing rules are set by admins.</p>)}
      {section === 'fields' && (admin ? <FieldsScreen /> : <p className="muted">Custom fields are defined by admins.</p>)}
      {section === 'rules' && (admin ? <RulesScreen /> : <p className="muted">Rules are set by admins.</p>)}
      {section === 'hours' && (admin ? <BusinessHoursScreen /> : <p className="muted">Business hours are set by admins.</p>)}
    </div>
  );
}
