import { describe, expect, it } from '@jest/globals';
import type { CustomFieldDefinition } from '@inbox/contracts';
import { describeEvent } from '../case/case-detail';
import { bulkProblems, describeMacroRun, describeMacroStep } from './macro-text';

const names = (id: string) => (id === 'u-colin' ? 'Colin' : null);
const FIELDS: CustomFieldDefinition[] = [
  { id: 'f-product', key: 'product_line', label: 'Product line', kind: 'list', appliesTo: 'case', options: ['Home loan'], help: null, archivedAt: null },
  { id: 'f-promised', key: 'promised_by', label: 'Promised by', kind: 'date', appliesTo: 'case', options: [], help: null, archivedAt: null },
  { id: 'f-old', key: 'old_branch', label: 'Old branch', kind: 'text', appliesTo: 'case', options: [], help: null, archivedAt: '2026-11-01T00:00:00Z' },
];
const fields = (id: string) => FIELDS.find((f) => f.id === id);

describe('macros as the workspace says them', () => {
  it('describes each kind of step in a line', () => {
    expect(describeMacroStep({ type: 'reply', template: 'Dear {{customer.name}}' }, names, fields)).toBe('Reply to the customer on the case’s channel');
    expect(describeMacroStep({ type: 'note', text: 'x'.repeat(80) }, names, fields)).toBe(`Internal note: “${'x'.repeat(59)}…”`);
    expect(describeMacroStep({ type: 'tag', tag: 'Fees' }, names, fields)).toBe('Tag “Fees”');
    expect(describeMacroStep({ type: 'assign', to: 'agent', userId: 'u-colin' }, names, fields)).toBe('Assign to Colin');
    expect(describeMacroStep({ type: 'assign', to: 'agent', userId: 'u-gone' }, names, fields)).toBe('Assign to an agent');
    expect(describeMacroStep({ type: 'assign', to: 'nobody' }, names, fields)).toBe('Unassign');
    expect(describeMacroStep({ type: 'change_status', status: 'escalated', reason: 'Media' }, names, fields)).toBe('Escalate to supervisors — “Media”');
    expect(describeMacroStep({ type: 'change_status', status: 'open' }, names, fields)).toBe('Reopen');
  });

  it('describes a field step by the field’s label, a date the firm’s way, and a clear', () => {
    expect(describeMacroStep({ type: 'set_field', fieldId: 'f-product', value: 'Home loan' }, names, fields)).toBe('Set Product line to Home loan');
    expect(describeMacroStep({ type: 'set_field', fieldId: 'f-promised', value: '2027-01-05' }, names, fields)).toBe('Set Promised by to 05/01/2027');
    expect(describeMacroStep({ type: 'set_field', fieldId: 'f-product', value: null }, names, fields)).toBe('Clear Product line');
    expect(describeMacroStep({ type: 'set_field', fieldId: 'f-old', value: 'Parramatta' }, names, fields)).toBe('Set Old branch (archived) to Parramatta');
    expect(describeMacroStep({ type: 'set_field', fieldId: 'f-gone', value: 3 }, names, fields)).toBe('Set a field no longer defined to 3');
  });

  it('says what a run applied and what it did not, and why', () => {
    const run = {
      macroId: 'm',
      macroName: 'Fees',
      caseId: 'c',
      reference: 'C-000007',
      steps: [
        { index: 0, type: 'tag' as const, applied: true as const },
        { index: 1, type: 'assign' as const, applied: false as const, error: 'not_case_holder', message: 'Someone else holds this case.' },
      ],
    };
    expect(describeMacroRun(run)).toEqual({ headline: 'Macro “Fees”: 1 of 2 steps applied to C-000007', notApplied: ['Step 2 (assign): Someone else holds this case.'], allApplied: false });
    expect(describeMacroRun({ ...run, steps: [run.steps[0]] }).headline).toBe('Macro “Fees” applied to C-000007');
  });

  it('lists the cases a bulk action refused, then those a macro did only in part', () => {
    expect(
      bulkProblems({
        applied: [{ caseId: 'a', reference: 'C-1' }, { caseId: 'b', reference: 'C-2', notApplied: ['step 2 (change_status): Claim the case first.'] }],
        refused: [{ caseId: 'c', reference: 'C-3', error: 'case_not_open', message: 'Case C-3 is closed; reopen it first' }],
      }),
    ).toEqual(['C-3: Case C-3 is closed; reopen it first', 'C-2 (in part): step 2 (change_status): Claim the case first.']);
  });

  it('names the macro and who ran it on the timeline, and how many steps did not apply', () => {
    const event = (steps: unknown[]) => ({ seq: 1, type: 'macro.applied', actorUserId: 'u1', actorName: 'Ann', at: '2026-12-01T00:00:00Z', data: { macroId: 'm', macroName: 'Fees', steps } });
    expect(describeEvent(event([{ applied: true }]), 'Ann')).toBe('Macro “Fees” applied by Ann');
    expect(describeEvent(event([{ applied: true }, { applied: false }]), 'Ann')).toBe('Macro “Fees” applied by Ann — 1 of 2 steps not applied');
  });
});
