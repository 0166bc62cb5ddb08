import { maySeeSupportNeeds, validateSupportNeeds, type SupportNeedsInput } from './support-needs';
import { planErasure } from './erasure-plan';
import { nextRetentionRun, retentionCutoffs, retentionSweepDue } from './retention';
import { validateRepresentative } from './representatives';

const PERIODS = { noiseDays: 90, enquiryMonths: 24, complaintYears: 7, attachmentMonths: 24, logDays: 90 };
const NOW = new Date('2026-06-15T00:00:00Z');

describe('planErasure', () => {
  const c = (id: string, kind: string, status: string, closedAt: string | null) => ({ id, reference: id, kind, status, closedAt: closedAt ? new Date(closedAt) : null });

  it('erases enquiries and old complaints, holds open complaints and those within the retention period, with when it ends', () => {
    const plan = planErasure([c('E', 'enquiry', 'closed', '2025-01-01'), c('O', 'complaint', 'open', null), c('R', 'complaint', 'closed', '2024-03-01'), c('X', 'complaint', 'closed', '2018-01-01')], { legalHold: false, periods: PERIODS, now: NOW });
    expect(plan.erase).toEqual(['E', 'X']);
    expect(plan.held).toEqual([
      { caseId: 'O', reference: 'O', reasons: ['open_complaint'], heldUntil: null },
      { caseId: 'R', reference: 'R', reasons: ['complaint_retention'], heldUntil: new Date('2031-03-01T00:00:00Z') },
    ]);
    expect(plan.customerHeld).toBe(true);
  });

  it('holds everything under a legal hold, and nothing when there is nothing to hold', () => {
    expect(planErasure([c('E', 'enquiry', 'closed', '2025-01-01')], { legalHold: true, periods: PERIODS, now: NOW }).held[0]!.reasons).toEqual(['legal_hold']);
    expect(planErasure([], { legalHold: false, periods: PERIODS, now: NOW })).toEqual({ erase: [], held: [], customerHeld: false });
  });
});

describe('retention', () => {
  it('turns periods into cutoffs, 0 keeping that kind', () => {
    const cutoffs = retentionCutoffs({ ...PERIODS, attachmentMonths: 0 }, NOW);
    expect(cutoffs.noiseDays).toEqual(new Date('2026-03-17T00:00:00Z'));
    expect(cutoffs.enquiryMonths).toEqual(new Date('2024-06-15T00:00:00Z'));
    expect(cutoffs.complaintYears).toEqual(new Date('2019-06-15T00:00:00Z'));
    expect(cutoffs.attachmentMonths).toBeNull();
  });

  it('is due once per local day from the run hour, in the firm\'s zone', () => {
    const at = (iso: string, last: string | null) => retentionSweepDue({ now: new Date(iso), timeZone: 'Australia/Sydney', runHour: 2, lastRunLocalDay: last });
    expect(at('2026-06-14T15:30:00Z', null)).toEqual({ due: false, localDay: '2026-06-15' }); // 01:30 Sydney
    expect(at('2026-06-14T16:30:00Z', null)).toEqual({ due: true, localDay: '2026-06-15' }); // 02:30
    expect(at('2026-06-14T16:30:00Z', '2026-06-15').due).toBe(false);
    expect(nextRetentionRun(new Date('2026-06-14T10:00:00Z'), 'Australia/Sydney', 2)).toEqual(new Date('2026-06-14T16:00:00Z'));
  });
});

describe('support needs', () => {
  it('are seen by supervisors, admins and the agent assigned to one of the customer\'s cases only', () => {
    expect([maySeeSupportNeeds('agent', false), maySeeSupportNeeds('agent', true), maySeeSupportNeeds('supervisor', false), maySeeSupportNeeds('admin', false)]).toEqual([false, true, true, true]);
  });

  it('need a known kind, how it is known, consent, a future review date, and a name for a named contact', () => {
    const ok: SupportNeedsInput = { vulnerabilityTypes: ['bereavement'], howKnown: 'told us', consent: 'given', adjustments: ['more_time'], reviewDate: '2026-12-01' };
    expect(validateSupportNeeds(ok, NOW)).toMatchObject({ vulnerabilityTypes: ['bereavement'], adjustments: ['more_time'] });
    const cases: Array<[SupportNeedsInput, string]> = [
      [{ ...ok, vulnerabilityTypes: [] }, 'vulnerability_type_required'],
      [{ ...ok, vulnerabilityTypes: ['sad'] }, 'unknown_vulnerability_type'],
      [{ ...ok, consent: 'maybe' }, 'consent_required'],
      [{ ...ok, reviewDate: '2026-06-01' }, 'review_date_invalid'],
      [{ ...ok, adjustments: ['named_contact'] }, 'named_contact_required'],
    ];
    for (const [bad, code] of cases) {
      expect(() => validateSupportNeeds(bad, NOW)).toThrow(expect.objectContaining({ code }));
    }
  });
});

describe('representatives', () => {
  it('need a reachable address, evidence of authority and a scope that names a case only for one case', () => {
    const ok = { name: 'Dana', relationship: 'lawyer', channel: 'email', address: 'Dana@Law.example', evidence: 'signed authority', scope: 'complaints' };
    expect(validateRepresentative(ok)).toMatchObject({ address: 'dana@law.example', caseId: null });
    expect(() => validateRepresentative({ ...ok, channel: 'sms', address: '0412' })).toThrow(expect.objectContaining({ code: 'representative_address' }));
    expect(() => validateRepresentative({ ...ok, evidence: ' ' })).toThrow(expect.objectContaining({ code: 'evidence_required' }));
    expect(() => validateRepresentative({ ...ok, scope: 'one_case' })).toThrow(expect.objectContaining({ code: 'scope_case' }));
  });
});
