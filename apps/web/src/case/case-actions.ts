import {
  decideCaseAction,
  isOpenCaseStatus,
  type CaseActionSettings,
  type CaseDetail,
  type ClosureState,
  type ComplaintOutcome,
  type NoResponseReason,
  type RemedyType,
  type GuardedCaseAction,
  type StaffPrincipal,
} from '@inbox/contracts';
import type { ApiClient } from '../api-client';
import type { IconName } from '../shell/icons';
import type { Team } from '../shell/workspace-context';

export interface ActionField {
  name: string;
  label: string;
  type: 'text' | 'textarea' | 'select' | 'number';
  required?: boolean;
  options?: Array<{ value: string; label: string }>;
  placeholder?: string;
  hint?: string;
  /** Half the dialog's width, beside the next half field. */
  half?: boolean;
  rows?: number;
  /** The value the dialog opens with. */
  initial?: string;
}

/** One button of the case toolbar, wired to its endpoint. An action without an endpoint is not listed. */
export interface CaseAction {
  id: string;
  label: string;
  icon: IconName;
  shortcut?: string;
  primary?: boolean;
  /** Shown on the toolbar, or in its "More" menu. */
  placement: 'main' | 'more';
  enabled: boolean;
  disabledReason?: string;
  /** Set: a dialog asks for these first. */
  fields?: ActionField[];
  dialogIntro?: string;
  done: string;
  run(api: ApiClient, detail: CaseDetail, values: Record<string, string>): Promise<unknown>;
  /** The dialog's final button, when not the action's label (e.g. "Send for approval"). */
  sendLabel?: string;
  /** Set: the dialog shows exactly what the customer will receive before it is sent. */
  preview?(api: ApiClient, detail: CaseDetail, values: Record<string, string>): Promise<WrittenMessagePreview>;
}

/** POST /api/cases/:id/{resolve,unfounded,delay-notice}/preview. */
export interface WrittenMessagePreview {
  sends: boolean;
  channel: string | null;
  recipient: string | null;
  text: string | null;
  language: string;
}

/** Whether the latest escalation went to supervisors and the case is still theirs (the server decides the same way). */
export function escalatedToSupervisors(detail: CaseDetail): boolean {
  if (detail.status !== 'escalated') return false;
  const latest = [...detail.events].reverse().find((e) => e.type === 'case.escalated');
  return (latest?.data as { to?: string } | undefined)?.to === 'supervisors';
}

/** What RG 271 tracks about the case (GET /api/cases/:id/compliance), as far as the toolbar needs it. */
export interface ComplianceState {
  acknowledgedAt: string | null;
  /** The automatic acknowledgement's message as the provider reported it; null when given by hand. */
  acknowledgementDelivery?: { status: string; accepted: boolean; error: string | null } | null;
  idrResponseAt?: string | null;
  delayNoticeAt?: string | null;
  breachedAt?: string | null;
  atRiskAt?: string | null;
  /** How the IDR deadline was reached (RG 271.56 Note: rolled past a weekend or holiday unless the firm is strict). */
  respondByRule?: { basis: string; paragraphs: string; days: number; countedFrom: string; countedTo: string; dueDate: string; rule: string; rolled: boolean } | null;
  /** ASIC IDR data elements an agent records (the classifier's until set). */
  products?: string[] | null;
  issues?: string[] | null;
  aboutRepresentative?: boolean;
}

// Each select lists its vocabulary (libs/contracts/src/outcomes.ts) in the order written here; `satisfies` makes every value have its line.
const OUTCOMES = options({
  upheld: 'Upheld',
  partially_upheld: 'Partially upheld',
  not_upheld: 'Not upheld',
  withdrawn: 'Withdrawn by the customer',
} satisfies Record<ComplaintOutcome, string>);
const CLOSURE_STATES = options({
  resolved: 'Resolved — send the IDR response',
  unresolved: 'Unresolved — send the IDR response with AFCA rights',
  closed_within_5_days: 'Closed within 5 business days (no written response)',
  withdrawn: 'Withdrawn — the IDR response is still sent unless you say why not',
  escalated_afca: 'Escalated to AFCA — the IDR response is still sent unless you say why not',
} satisfies Record<ClosureState, string>);
const NO_RESPONSE_REASONS = options({
  withdrawn_by_complainant: 'Withdrawn: the customer asked for no response',
  resolved_at_afca: 'AFCA has closed the complaint',
  other: 'Other (explain below)',
} satisfies Record<NoResponseReason, string>);
const list = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase().replace(/\s+/g, '_'))
    .filter(Boolean);
const REMEDIES = options({
  explanation: 'Explanation',
  apology: 'Apology',
  fee_refund_or_waiver: 'Fee refund or waiver',
  goodwill_payment: 'Goodwill payment',
  compensation: 'Compensation',
  debt_waiver: 'Debt waiver',
  record_correction: 'Record correction',
  stop_action: 'Stop an action',
  process_change: 'Process change',
} satisfies Record<RemedyType, string>);

/** A select's options from labels keyed by a vocabulary's values, in the labels' order. */
function options(labels: Record<string, string>): Array<{ value: string; label: string }> {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

const reason = (label = 'Reason', required = true): ActionField => ({ name: 'reason', label, type: 'textarea', required });

/** The actions this case offers the caller now, each wired to the endpoint the server has for it. */
export function caseActions(detail: CaseDetail, me: StaffPrincipal, teams: Team[], compliance: ComplianceState | null, settings: CaseActionSettings): CaseAction[] {
  const open = isOpenCaseStatus(detail.status);
  const holding = { status: detail.status, assigneeId: detail.assigneeId, escalatedToSupervisors: escalatedToSupervisors(detail) };
  /** The case action policy (libs/contracts/src/case-action-policy.ts): enabled, or disabled with the server's own words. */
  const policy = (action: GuardedCaseAction, override: CaseActionSettings = settings): Pick<CaseAction, 'enabled' | 'disabledReason'> => {
    const decision = decideCaseAction(me, action, holding, override);
    return decision.allowed ? { enabled: true } : { enabled: false, disabledReason: decision.message };
  };
  // FINAL_RESPONSE_APPROVAL: whoever could send the final response without it proposes it instead, for a supervisor to send.
  const proposes = settings.finalResponseApproval && !decideCaseAction(me, 'resolve', holding, settings).allowed && decideCaseAction(me, 'resolve', holding, { finalResponseApproval: false }).allowed;
  const finalResponse = (kind: 'resolve' | 'unfounded', body: (v: Record<string, string>) => Record<string, unknown>, sent: string) =>
    proposes
      ? {
          ...policy(kind, { finalResponseApproval: false }),
          sendLabel: 'Send for approval',
          done: 'Sent to a supervisor for approval',
          run: (api: ApiClient, _d: CaseDetail, v: Record<string, string>) => post(api, 'final-response', { kind, input: body(v) }),
        }
      : { ...policy(kind), done: sent, run: (api: ApiClient, _d: CaseDetail, v: Record<string, string>) => post(api, kind, body(v)) };
  const mine = detail.assigneeId === me.userId;
  const post = (api: ApiClient, path: string, body: Record<string, unknown> = {}) => api.post(`/api/cases/${detail.id}/${path}`, body);
  const otherTeams = teams.filter((t) => t.id !== detail.teamId);
  const actions: CaseAction[] = [];

  if (open && !mine) {
    actions.push({
      id: 'claim', label: 'Claim', icon: 'claim', shortcut: 'c', placement: 'main', primary: !detail.assigneeId,
      enabled: !detail.assigneeId, disabledReason: 'Someone else is handling this case',
      done: 'The case is yours',
      run: (api) => post(api, 'claim'),
    });
  }
  if (open && compliance && !compliance.acknowledgedAt) {
    actions.push({
      id: 'acknowledge', label: 'Acknowledge', icon: 'acknowledge', shortcut: 'a', placement: 'main', enabled: true,
      fields: [{ name: 'note', label: 'How was it acknowledged?', type: 'text', placeholder: 'e.g. by phone, in branch', hint: 'Records an acknowledgement given outside the automatic one.' }],
      done: 'Acknowledgement recorded',
      run: (api, _d, v) => post(api, 'acknowledge', v.note?.trim() ? { note: v.note.trim() } : {}),
    });
  }
  if (open) {
    actions.push({
      id: 'escalate', label: 'Escalate', icon: 'escalate', shortcut: 'e', placement: 'main', enabled: true,
      fields: [
        { name: 'to', label: 'Escalate to', type: 'select', required: true, options: [{ value: 'supervisors', label: 'Supervisors' }, ...otherTeams.map((t) => ({ value: t.id, label: `Team: ${t.name}` }))] },
        reason(),
      ],
      done: 'Case escalated',
      run: (api, _d, v) => post(api, 'escalate', v.to === 'supervisors' ? { to: 'supervisors', reason: v.reason } : { to: 'team', teamId: v.to, reason: v.reason }),
    });
    actions.push({
      id: 'resolve', label: 'Resolve', icon: 'resolve', shortcut: 'd', placement: 'main',
      dialogIntro: 'The IDR response with your findings, the remedy and the customer’s AFCA rights goes out on their channel.',
      fields: [
        { name: 'outcome', label: 'Outcome', type: 'select', required: true, options: OUTCOMES, half: true },
        { name: 'remedy', label: 'Remedy', type: 'select', options: REMEDIES, half: true },
        { name: 'closureState', label: 'Closure', type: 'select', required: true, options: CLOSURE_STATES },
        { name: 'reasons', label: 'Findings and reasons', type: 'textarea', required: true, rows: 3, hint: 'Address each issue the customer raised (RG 271.53).' },
        { name: 'compensationAmount', label: 'Compensation or refund (AUD)', type: 'number', placeholder: '0.00', half: true },
        { name: 'satisfactionEvidence', label: 'Customer satisfied because…', type: 'text', half: true, placeholder: 'Only to close within 5 business days' },
        {
          name: 'noResponseReason', label: 'No IDR response because… (withdrawn or AFCA only)', type: 'select', half: true, options: NO_RESPONSE_REASONS,
          hint: 'RG 271.53 Note 3: a complaint taken to AFCA or withdrawn is still owed the response unless this says why not.',
        },
        { name: 'noResponseNote', label: 'Documented reason', type: 'text', half: true, placeholder: 'e.g. AFCA case 12345 closed on 3 March' },
      ],
      preview: (api, _d, v) => post(api, 'resolve/preview', resolution(v)) as Promise<WrittenMessagePreview>,
      ...finalResponse('resolve', (v) => resolution(v), 'Case resolved; the response is on its way'),
    });
    const resolution = (v: Record<string, string>) => ({
          outcome: v.outcome,
          closureState: v.closureState,
          reasons: v.reasons,
          ...(v.remedy ? { remedies: [{ type: v.remedy }] } : {}),
          ...(v.compensationAmount ? { compensationAmount: Number(v.compensationAmount) } : {}),
          ...(v.satisfactionEvidence?.trim() ? { satisfactionEvidence: v.satisfactionEvidence.trim() } : {}),
          ...(v.noResponseReason ? { noIdrResponse: { reason: v.noResponseReason, note: v.noResponseNote ?? '' } } : {}),
        });
    actions.push({
      id: 'transfer', label: 'Transfer', icon: 'transfer', shortcut: 't', placement: 'more',
      ...(teams.length > 0 ? policy('transfer') : { enabled: false, disabledReason: 'No team to transfer to' }),
      fields: [
        { name: 'teamId', label: 'Team', type: 'select', required: true, options: teams.map((t) => ({ value: t.id, label: t.id === detail.teamId ? `${t.name} (this team)` : t.name })) },
        {
          name: 'assigneeId', label: 'Agent (optional)', type: 'select',
          options: teams.flatMap((t) => t.members.filter((m) => m.userId !== me.userId).map((m) => ({ value: `${t.id}:${m.userId}`, label: `${m.name} — ${t.name}${m.online ? ' · online' : ''}` }))),
          hint: 'Choosing an agent hands the case to them in their team.',
        },
        reason('Reason', false),
      ],
      done: 'Case transferred',
      run: (api, _d, v) => {
        const [agentTeam, assigneeId] = v.assigneeId ? v.assigneeId.split(':') : [];
        return post(api, 'transfer', { teamId: agentTeam ?? v.teamId, ...(assigneeId ? { assigneeId } : {}), ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}) });
      },
    });
    actions.push({
      id: 'unfounded', label: 'Mark unfounded', icon: 'unfounded', shortcut: 'u', placement: 'more',
      dialogIntro: 'A polite, reasoned decline (outcome “not upheld”) goes to the customer on their channel, with their right to go to AFCA.',
      fields: [{ name: 'reasons', label: 'Why the complaint is not upheld', type: 'textarea', required: true, hint: 'Explain the findings plainly; the customer reads this.' }],
      preview: (api, _d, v) => post(api, 'unfounded/preview', { reasons: v.reasons }) as Promise<WrittenMessagePreview>,
      ...finalResponse('unfounded', (v) => ({ reasons: v.reasons }), 'Marked unfounded; the decline is on its way'),
    });
    if (!compliance?.idrResponseAt && !compliance?.delayNoticeAt) {
      actions.push({
        id: 'delay-notice', label: 'Send delay notice', icon: 'clock', placement: 'more',
        ...(compliance?.breachedAt ? { enabled: false, disabledReason: 'The IDR deadline has passed; a delay notice can no longer be sent' } : policy('delay_notice')),
        dialogIntro: 'Tells the customer why the response is late and of their right to go to AFCA (RG 271.64–66); no breach is flagged once it is sent in time.',
        fields: [
          { name: 'ground', label: 'Ground', type: 'select', required: true, options: [{ value: 'complexity', label: 'The complaint is complex' }, { value: 'outside_control', label: 'Circumstances outside our control' }] },
          { name: 'reasons', label: 'Reasons for the delay', type: 'textarea', required: true },
        ],
        done: 'Delay notice sent',
        preview: (api, _d, v) => post(api, 'delay-notice/preview', { ground: v.ground, reasons: v.reasons }) as Promise<WrittenMessagePreview>,
        run: (api, _d, v) => post(api, 'delay-notice', { ground: v.ground, reasons: v.reasons }),
      });
    }
  } else {
    actions.push({
      id: 'reopen', label: 'Reopen', icon: 'reopen', shortcut: 'o', placement: 'main', ...policy('reopen'),
      fields: [reason('Reason (optional)', false)],
      done: 'Case reopened',
      run: (api, _d, v) => post(api, 'reopen', v.reason?.trim() ? { reason: v.reason.trim() } : {}),
    });
    actions.push({
      id: 'save-knowledge', label: 'Save to knowledge base', icon: 'book', placement: 'more', enabled: !detail.events.some((e) => e.type === 'knowledge.saved'),
      disabledReason: 'This case’s resolution is already in the knowledge base',
      fields: [
        { name: 'title', label: 'Article title', type: 'text', required: true, placeholder: 'e.g. Duplicate card charge refunded' },
        { name: 'body', label: 'Text (optional)', type: 'textarea', hint: 'Leave empty to use the resolution recorded on the case.' },
      ],
      done: 'Saved to the knowledge base',
      run: (api, _d, v) => post(api, 'knowledge', { title: v.title, ...(v.body?.trim() ? { body: v.body.trim() } : {}) }),
    });
  }
  const [product, issue] = (detail.category ?? '').split('/');
  actions.push({
    id: 'classification', label: 'Correct classification', icon: 'canned', placement: 'more', enabled: true,
    dialogIntro: 'Corrects what triage decided about this case; the correction is kept for the classifier’s next training.',
    fields: [
      { name: 'kind', label: 'Kind', type: 'select', required: true, half: true, initial: 'complaint', options: ['complaint', 'enquiry', 'compliment', 'noise'].map((k) => ({ value: k, label: k[0].toUpperCase() + k.slice(1) })) },
      { name: 'product', label: 'Product', type: 'text', half: true, initial: product ?? '', placeholder: 'e.g. card' },
      { name: 'issue', label: 'Issue', type: 'text', initial: issue ?? '', placeholder: 'e.g. fees_charges' },
      { name: 'reason', label: 'Why (needed when a complaint becomes something else)', type: 'text' },
    ],
    done: 'Classification corrected',
    run: (api, _d, v) =>
      api.patch(`/api/cases/${detail.id}/classification`, {
        kind: v.kind,
        product: v.product.trim() || null,
        issue: v.issue.trim() || null,
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      }),
  });
  if (compliance) {
    actions.push({
      id: 'reporting', label: 'Reporting details', icon: 'canned', placement: 'more', enabled: true,
      dialogIntro: 'What the ASIC IDR data file reports for this complaint: its products and issues (several each, comma-separated) and whether it is about one of our representatives.',
      fields: [
        { name: 'products', label: 'Products', type: 'text', initial: (compliance.products ?? []).join(', '), placeholder: 'e.g. card, account' },
        { name: 'issues', label: 'Issues', type: 'text', initial: (compliance.issues ?? []).join(', '), placeholder: 'e.g. fees, delay' },
        {
          name: 'aboutRepresentative', label: 'About one of our representatives?', type: 'select', required: true, initial: compliance.aboutRepresentative ? 'yes' : 'no',
          options: [{ value: 'no', label: 'No' }, { value: 'yes', label: 'Yes — about an authorised or credit representative of ours' }],
          hint: 'ASIC’s element: the complaint is about a representative of the firm, not made by someone on the customer’s behalf.',
        },
      ],
      done: 'Reporting details saved',
      run: (api, _d, v) => api.patch(`/api/cases/${detail.id}/compliance`, { products: list(v.products), issues: list(v.issues), aboutRepresentative: v.aboutRepresentative === 'yes' }),
    });
  }
  actions.push({
    id: 'systemic', label: 'Flag systemic issue', icon: 'alert', placement: 'more', enabled: true,
    dialogIntro: 'Flags a possible systemic issue for the complaints manager to review (RG 271.101).',
    fields: [
      { name: 'title', label: 'Title', type: 'text', placeholder: 'e.g. Annual fee charged after waiver' },
      { name: 'description', label: 'What looks systemic', type: 'textarea' },
    ],
    done: 'Flagged for review',
    run: (api, _d, v) => post(api, 'systemic-flag', { ...(v.title?.trim() ? { title: v.title.trim() } : {}), ...(v.description?.trim() ? { description: v.description.trim() } : {}) }),
  });
  return actions;
}
