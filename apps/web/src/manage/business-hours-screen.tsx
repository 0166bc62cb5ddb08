import { WEEKDAYS, type TeamBusinessHours, type Weekday, type WeeklyHours } from '@inbox/contracts';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api-client';
import { useWorkspace } from '../shell/workspace-context';
import { intervalsText, parseIntervals } from './business-hours-text';
import { useSaveForm } from './use-save-form';
import { FormFooter } from './form-footer';

const DAY_NAMES: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
/** Monday first, as a working week is read. */
const WEEK_ORDER: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const OFFICE: WeeklyHours = { sun: [], mon: [{ open: '09:00', close: '17:00' }], tue: [{ open: '09:00', close: '17:00' }], wed: [{ open: '09:00', close: '17:00' }], thu: [{ open: '09:00', close: '17:00' }], fri: [{ open: '09:00', close: '17:00' }], sat: [] };

/**
 * Business hours per team (admins): the weekly openings in the firm's time zone; the firm's public holidays
 * (Templates and holidays) are closed. Rules can hold within or outside them and count business hours, and a
 * message that is not a complaint, arriving while its team is closed, gets the automatic out-of-hours reply.
 */
export function BusinessHoursScreen() {
  const ws = useWorkspace();
  const [teams, setTeams] = useState<TeamBusinessHours[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const load = useCallback(() => {
    ws.api.get<{ items: TeamBusinessHours[] }>('/api/business-hours').then((a) => (setTeams(a.items), setFailure(null)), (e) => setFailure(errorMessage(e)));
  }, [ws.api]);
  useEffect(load, [load]);
  return (
    <section className="mg-card" aria-label="Business hours">
      <div className="mg-head">
        <h1>Business hours</h1>
        <p className="muted">
          Each team’s opening hours in the firm’s time zone ({ws.settings.timeZone}), closed on the firm’s public holidays. Type a day’s
          openings as 09:00–17:00 (several with commas; a close before the open runs past midnight); leave a day empty when closed.
        </p>
      </div>
      {failure && <p className="sv-failure" role="alert">{failure}</p>}
      <ul className="mg-list">
        {teams?.map((team) => <TeamHours key={team.teamId} team={team} onSaved={load} />)}
      </ul>
    </section>
  );
}

function TeamHours({ team, onSaved }: { team: TeamBusinessHours; onSaved: () => void }) {
  const ws = useWorkspace();
  const initial = team.weekly ?? OFFICE;
  const [days, setDays] = useState<Record<Weekday, string>>(() => Object.fromEntries(WEEKDAYS.map((d) => [d, intervalsText(initial[d] ?? [])])) as Record<Weekday, string>);
  const [reply, setReply] = useState(team.outOfHoursReply);
  const form = useSaveForm(async () => {
    const weekly = {} as WeeklyHours;
    for (const day of WEEKDAYS) {
      const parsed = parseIntervals(days[day]);
      if ('error' in parsed) throw new Error(`${DAY_NAMES[day]}: “${parsed.error}” is not an opening like 09:00–17:00`);
      weekly[day] = parsed.intervals;
    }
    await ws.api.put(`/api/business-hours/${team.teamId}`, { weekly, outOfHoursReply: reply });
    ws.toast(`${team.teamName}: business hours saved`);
    onSaved();
  });
  const clear = async () => {
    try {
      await ws.api.del(`/api/business-hours/${team.teamId}`);
      ws.toast(`${team.teamName} keeps no business hours now`);
      onSaved();
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    }
  };
  return (
    <li className="mg-item" data-testid="team-hours">
      <div className="mg-item-head">
        <span className="mg-item-title">{team.teamName}</span>
        <span className={`chip${team.openNow ? ' chip-ok' : ''}`}>{team.weekly ? (team.openNow ? 'Open now' : 'Closed now') : 'No hours set: never out of hours'}</span>
      </div>
      <form className="mg-form" onSubmit={form.onSubmit} aria-label={`Business hours of ${team.teamName}`}>
        <div className="mg-week">
          {WEEK_ORDER.map((day) => (
            <label key={day}>
              {DAY_NAMES[day]}
              <input value={days[day]} placeholder="Closed" onChange={(e) => setDays({ ...days, [day]: e.target.value })} />
            </label>
          ))}
        </div>
        <label className="mg-check">
          <input type="checkbox" checked={reply} onChange={(e) => setReply(e.target.checked)} /> Send the out-of-hours reply to messages that are not complaints
        </label>
        <FormFooter form={form} saveLabel="Save hours">
          {team.weekly && <button type="button" className="btn" onClick={() => void clear()}>Remove hours</button>}
        </FormFooter>
      </form>
    </li>
  );
}
