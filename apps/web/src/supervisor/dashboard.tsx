import './supervisor.css';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api-client';
import { formatClock, formatDateTime } from '../format';
import { ChannelIcon } from '../shell/icons';
import { useWorkspace } from '../shell/workspace-context';
import { OPEN_CASE_STATUSES, type ChannelVolumes, type ClassificationReviewStats, type SupervisorOverview } from '@inbox/contracts';
import { formatAge, formatPercent } from './supervisor-data';
import { ReviewFigures } from './classification-review';
import { IncidentsPanel } from './incidents-panel';
import { VolumeChart } from './volume-chart';
import { cappedSum, flaggedTotal, shownOf } from './deadline-counts';

/**
 * The supervisors' live dashboard: figures load once over REST, then follow
 * the `metrics.volumes` and `supervisor.overview` pushes on /agents (every
 * few seconds, supervisors and admins only) — no polling.
 */
export function SupervisorDashboard() {
  const ws = useWorkspace();
  const [volumes, setVolumes] = useState<ChannelVolumes | null>(null);
  const [overview, setOverview] = useState<SupervisorOverview | null>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [review, setReview] = useState<ClassificationReviewStats | null>(null);

  useEffect(() => {
    let cancelled = false;
    Promise.all([ws.api.get<ChannelVolumes>('/api/metrics/volumes'), ws.api.get<SupervisorOverview>('/api/supervisor/overview')])
      .then(([v, o]) => {
        if (cancelled) return;
        setVolumes((current) => current ?? v);
        setOverview((current) => current ?? o);
        setUpdatedAt((current) => current ?? new Date());
      })
      .catch((error) => !cancelled && setFailure(errorMessage(error)));
    // The review figures change once a day and with each verdict: read when the dashboard opens.
    ws.api.get<ClassificationReviewStats>('/api/classification-reviews/stats').then((r) => !cancelled && setReview(r)).catch(() => undefined);
    const offVolumes = ws.live.on('metrics.volumes', (payload) => {
      setVolumes(payload);
      setUpdatedAt(new Date());
    });
    const offOverview = ws.live.on('supervisor.overview', setOverview);
    // An incident opening or a deadline alert shows at once rather than at the next push.
    let pending: ReturnType<typeof setTimeout> | undefined;
    const offEvents = ws.live.onCaseEvent((event) => {
      if (!/^(incident|deadline)\./.test(event.type) || pending) return;
      pending = setTimeout(() => {
        pending = undefined;
        ws.api.get<SupervisorOverview>('/api/supervisor/overview').then((o) => !cancelled && setOverview(o)).catch(() => undefined);
      }, 300);
    });
    return () => {
      cancelled = true;
      if (pending) clearTimeout(pending);
      offVolumes();
      offOverview();
      offEvents();
    };
  }, [ws.api, ws.live]);

  if (failure && !volumes) {
    return (
      <section className="sv-page">
        <p className="sv-failure">The dashboard could not load: {failure}</p>
      </section>
    );
  }
  if (!volumes || !overview) {
    return (
      <section className="sv-page" aria-busy="true">
        <div className="spinner" />
      </section>
    );
  }

  const q = overview.queue;
  const openTotal = Object.values(q.openByStatus).reduce((a, b) => a + b, 0);
  const todayTotal = Object.values(overview.today.channels).reduce((a, b) => a + b, 0);
  const atRisk = cappedSum([q.deadlines.counts.acknowledgement.atRisk, q.deadlines.counts.idr_response.atRisk], q.deadlines.countCap);
  const breached = cappedSum([q.deadlines.counts.acknowledgement.breached, q.deadlines.counts.idr_response.breached], q.deadlines.countCap);
  const online = overview.agents.filter((a) => a.status === 'online').length;
  const lastMinute = Object.values(volumes.channels).reduce((n, s) => n + (s.at(-1)?.count ?? 0), 0);

  return (
    <section className="sv-page" aria-label="Supervisor dashboard">
      <div className="sv-kpis">
        <Kpi label="Messages today" value={todayTotal} detail={`${lastMinute} this minute`} testId="kpi-today" />
        <Kpi label="Open cases" value={openTotal} detail={Object.entries(q.openByStatus).map(([s, n]) => `${n} ${s}`).join(' · ') || 'none'} />
        <Kpi
          label="Oldest unassigned"
          value={q.oldestUnassigned ? formatAge(q.oldestUnassigned.ageSeconds) : '—'}
          detail={q.oldestUnassigned ? <a href={`#/cases/${q.oldestUnassigned.caseId}`}>{q.oldestUnassigned.reference}</a> : 'every case has someone'}
        />
        <Kpi label="Deadlines at risk" value={atRisk} tone={atRisk ? 'risk' : undefined} detail={`≥ ${formatPercent(q.deadlines.atRiskThreshold)} of the time used`} />
        <Kpi label="Deadlines breached" value={breached} tone={breached ? 'bad' : undefined} detail="acknowledgement + IDR response" />
        <Kpi label="Agents online" value={`${online} / ${overview.agents.length}`} detail={`${overview.agents.reduce((n, a) => n + a.repliesLastHour, 0)} replies in the last hour`} />
      </div>

      <div className="sv-grid">
        <div className="sv-card sv-volumes">
          <header className="sv-card-head">
            <h2>Messages per channel per minute</h2>
            <span className="muted small" data-testid="volumes-updated">
              last 60 minutes · live{updatedAt ? ` · ${formatClock(updatedAt.toISOString())}` : ''}
            </span>
          </header>
          {Object.keys(volumes.channels).length ? <VolumeChart volumes={volumes} /> : <p className="muted sv-empty">No messages in the last hour.</p>}
          <div className="sv-today" aria-label="Totals today per channel">
            {Object.entries(overview.today.channels)
              .sort((a, b) => b[1] - a[1])
              .map(([channel, n]) => (
                <span key={channel} className="sv-chip" data-testid={`today-${channel}`}>
                  <ChannelIcon channel={channel} size={14} /> {channel} <b>{n}</b>
                </span>
              ))}
          </div>
        </div>
        <IncidentsPanel incidents={overview.incidents} />

        <div className="sv-card sv-deadlines">
          <header className="sv-card-head">
            <h2>Deadlines at risk and breached</h2>
            <span className="muted small" data-testid="deadlines-shown">{shownOf(q.deadlines.cases.length, flaggedTotal(q.deadlines.counts, q.deadlines.countCap))}</span>
          </header>
          {q.deadlines.cases.length === 0 ? (
            <p className="muted sv-empty">Every deadline is on track.</p>
          ) : (
            <div className="sv-scroll">
              {/* On a phone each row stacks into a card (sv-cards in supervisor.css), its cells labelled by data-label. */}
              <table className="sv-table sv-cards sv-deadline-table">
                <thead>
                  <tr><th>Case</th><th>Deadline</th><th>State</th><th>Due</th><th className="num">Used</th></tr>
                </thead>
                <tbody>
                  {q.deadlines.cases.map((c) => (
                    <tr key={`${c.caseId}-${c.deadline}`}>
                      <td className="sv-dl-case sv-card-title"><a href={`#/cases/${c.caseId}`}><ChannelIcon channel={c.channel} size={13} /> {c.reference}</a></td>
                      <td className="sv-dl-kind">{c.deadline === 'idr_response' ? 'IDR response' : 'Acknowledgement'}</td>
                      <td className="sv-dl-state"><span className={`sv-state sv-state-${c.state}`}>{c.state === 'breached' ? 'Breached' : 'At risk'}</span></td>
                      <td className="sv-dl-due" data-label="Due" title={formatDateTime(c.dueAt)}>{dueIn(c.dueAt, q.at)}</td>
                      <td className="num sv-dl-used" data-label="Used">{formatPercent(c.fractionUsed)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>

        <div className="sv-card sv-queue">
          <header className="sv-card-head"><h2>Open cases by team</h2></header>
          <table className="sv-table sv-cards sv-team-table">
            <thead>
              <tr><th>Team</th>{OPEN_CASE_STATUSES.map((s) => <th key={s} className="num">{s}</th>)}<th className="num">total</th></tr>
            </thead>
            <tbody>
              {q.openByTeam.map((t) => (
                <tr key={t.teamId ?? 'none'}>
                  <td className="sv-team-name sv-card-title">{t.teamName ?? 'No team'}</td>
                  {OPEN_CASE_STATUSES.map((s) => <td key={s} className="num" data-label={s}>{t.byStatus[s] ?? 0}</td>)}
                  <td className="num sv-team-total" data-label="total"><b>{t.total}</b></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        <div className="sv-card sv-agents">
          <header className="sv-card-head"><h2>Agents</h2></header>
          <div className="sv-scroll">
            <table className="sv-table sv-cards sv-agent-table">
              <thead>
                <tr><th>Name</th><th>Status</th><th className="num">Open</th><th className="num">Replies 1 h</th></tr>
              </thead>
              <tbody>
                {overview.agents.map((a) => (
                  <tr key={a.userId}>
                    <td className="sv-card-title">{a.name} <span className="muted small">{a.role === 'agent' ? '' : a.role}</span></td>
                    <td className="sv-agent-presence"><span className={`sv-presence sv-presence-${a.status}`} />{a.status}</td>
                    <td className="num" data-label="Open cases">{a.openCases}</td>
                    <td className="num sv-agent-replies" data-label="Replies in the last hour">{a.repliesLastHour}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
        {review && (
          <div className="sv-card sv-review-card" data-testid="dashboard-review">
            <header className="sv-card-head">
              <h2>Review of not-a-complaint decisions</h2>
              <a className="small rv-link" href="#/classification-review">Review {review.totals.pending > 0 ? `${review.totals.pending} waiting` : 'the sample'} →</a>
            </header>
            <ReviewFigures stats={review} compact />
          </div>
        )}
      </div>
    </section>
  );
}

function Kpi({ label, value, detail, tone, testId }: { label: string; value: string | number; detail?: React.ReactNode; tone?: 'risk' | 'bad'; testId?: string }) {
  return (
    <div className={`sv-kpi${tone ? ` sv-kpi-${tone}` : ''}`} data-testid={testId}>
      <span className="sv-kpi-label">{label}</span>
      <span className="sv-kpi-value">{value}</span>
      {detail !== undefined && <span className="sv-kpi-detail">{detail}</span>}
    </div>
  );
}

function dueIn(dueAt: string, now: string): string {
  const seconds = (Date.parse(dueAt) - Date.parse(now)) / 1000;
  return seconds >= 0 ? `in ${formatAge(seconds)}` : `${formatAge(-seconds)} ago`;
}

