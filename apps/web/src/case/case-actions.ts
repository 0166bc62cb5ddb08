import type { StaffPrincipal } from '@inbox/contracts';
import type { ApiClient } from '../api-client';
import type { IconName } from '../shell/icons';
import type { CaseDetail } from './case-detail';

export interface ActionField {
  name: string;
  label: string;
  type: 'text' | 'textarea' | 'select' | 'number';
  required?: boolean;
  options?: Array<{ value: string; label: string }>;
  placeholder?: string;
  hint?: string;
}

/** One button of the case toolbar, wired to its endpoint. Actions without an endpoint are not listed. */
export interface CaseAction {
  id: string;
  label: string;
  icon: IconName;
  shortcut?: string;
  primary?: boolean;
  enabled: boolean;
  disabledReason?: string;
  /** Set: a dialog asks for these first. */
  fields?: ActionField[];
  dialogIntro?: string;
  done: string;
  run(api: ApiClient, detail: CaseDetail, values: Record<string, string>): Promise<unknown>;
}

const OPEN = ['new', 'open', 'pending', 'escalated'];

export function caseActions(detail: CaseDetail, me: StaffPrincipal): CaseAction[] {
  const open = OPEN.includes(detail.status);
  const mine = detail.assigneeId === me.userId;
  const actions: CaseAction[] = [];
  if (open && !mine) {
    actions.push({
      id: 'claim',
      label: 'Claim',
      icon: 'claim',
      shortcut: 'c',
      primary: !detail.assigneeId,
      enabled: !detail.assigneeId,
      disabledReason: 'Someone else is handling this case',
      done: 'The case is yours',
      run: (api, d) => api.post(`/api/cases/${d.id}/claim`),
    });
  }
  return actions;
}
