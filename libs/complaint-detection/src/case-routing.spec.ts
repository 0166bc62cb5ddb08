import type { Classification } from '@inbox/contracts';
import { carriesInformation, decideCaseAction, effectiveClassification, priorityFor, type CaseCandidate } from './case-routing';

const day = 86_400_000;
const now = new Date('2024-06-20T10:00:00Z');
const ago = (days: number) => new Date(now.getTime() - days * day);
const open: CaseCandidate = { id: 'open', kind: 'complaint', open: true, endedAt: null };
const resolved = (days: number, id = 'old'): CaseCandidate => ({ id, kind: 'complaint', open: false, endedAt: ago(days) });
const decide = (kind: Classification['kind'], cases: { named?: CaseCandidate; open?: CaseCandidate; lastEnded?: CaseCandidate }) =>
  decideCaseAction({ kind, receivedAt: now, reopenWindowDays: 14, ...cases });

const model: Classification = {
  kind: 'complaint', confidence: 0.9, category: null, product: null, issue: null, urgency: 'normal',
  vulnerability: [], sentiment: 0, language: 'en', source: 'model',
};

describe('decideCaseAction', () => {
  it('joins the open case whatever the message is', () => {
    for (const kind of ['complaint', 'enquiry', 'compliment', 'noise'] as const) {
      expect(decide(kind, { open })).toMatchObject({ action: 'join', caseId: 'open' });
    }
  });

  it('prefers a case the message names, and upgrades an enquiry case that receives a complaint', () => {
    const named: CaseCandidate = { id: 'named', kind: 'enquiry', open: true, endedAt: null };
    expect(decide('complaint', { named, open })).toEqual({ action: 'join', caseId: 'named', upgradeToComplaint: true });
    expect(decide('enquiry', { named, open })).toEqual({ action: 'join', caseId: 'named', upgradeToComplaint: false });
  });

  it('reopens a case resolved within the window, and opens a linked case after it', () => {
    expect(decide('complaint', { lastEnded: resolved(14) })).toMatchObject({ action: 'reopen', caseId: 'old' });
    expect(decide('complaint', { lastEnded: resolved(14.01) })).toEqual({ action: 'open', kind: 'complaint', linkedCaseId: 'old' });
    expect(decide('enquiry', {})).toEqual({ action: 'open', kind: 'enquiry', linkedCaseId: null });
  });

  it('reopens a named resolved case rather than the most recent one', () => {
    expect(decide('complaint', { named: resolved(3, 'named'), lastEnded: resolved(1) })).toMatchObject({ action: 'reopen', caseId: 'named' });
  });

  it('never opens or reopens a case for noise or a compliment', () => {
    for (const kind of ['noise', 'compliment'] as const) {
      expect(decide(kind, {})).toEqual({ action: 'store_without_case' });
      expect(decide(kind, { lastEnded: resolved(1) })).toEqual({ action: 'store_without_case' });
    }
  });
});

describe('effectiveClassification', () => {
  it('treats an auto-reply and a sticker alone as noise', () => {
    expect(effectiveClassification(model, { channel: 'email', text: 'We are closed', autoReply: true }).kind).toBe('noise');
    const sticker = { channel: 'telegram' as const, text: '', attachments: [{ providerFileId: 'f', contentType: 'application/x-tgsticker' }] };
    expect(effectiveClassification(model, sticker).kind).toBe('noise');
  });

  it('keeps a call without words yet, or a photo, as a contact', () => {
    const noise = { ...model, kind: 'noise' as const };
    expect(effectiveClassification(noise, { channel: 'voice', text: '' }).kind).toBe('complaint');
    expect(effectiveClassification(noise, { channel: 'sms', text: ' ', attachments: [{ url: 'x', contentType: 'image/jpeg' }] }).kind).toBe('complaint');
  });

  it('drops the model’s doubt when the envelope decides (auto-reply, sticker, no words yet)', () => {
    const doubted = { ...model, doubt: { modelKind: 'enquiry' as const, reasons: ['model_leaned_enquiry'] } };
    expect(effectiveClassification(doubted, { channel: 'email', text: 'We are closed', autoReply: true }).doubt).toBeNull();
    expect(effectiveClassification(doubted, { channel: 'voice', text: '' }).doubt).toBeNull();
    expect(effectiveClassification(doubted, { channel: 'sms', text: 'why was I charged twice?' }).doubt).toEqual(doubted.doubt);
  });

  it('leaves a worded message to the classifier', () => {
    expect(effectiveClassification({ ...model, kind: 'enquiry' }, { channel: 'sms', text: 'When do you open?' }).kind).toBe('enquiry');
  });
});

describe('a short follow-up with information', () => {
  const noise = { kind: 'noise', confidence: 0.9, doubt: null } as unknown as Parameters<typeof effectiveClassification>[0];
  it('is an enquiry, not noise, when it hands over a reference or an amount', () => {
    expect(effectiveClassification(noise, { channel: 'sms', text: 'The deposit number is TD-88123' }).kind).toBe('enquiry');
    expect(effectiveClassification(noise, { channel: 'sms', text: 'it was $45.90' }).kind).toBe('enquiry');
    expect(effectiveClassification(noise, { channel: 'sms', text: 'thanks!' }).kind).toBe('noise');
    expect(effectiveClassification(noise, { channel: 'sms', text: '5' }).kind).toBe('noise');
  });

  it('reads 1 MB of digits in linear time', () => {
    const started = Date.now();
    expect(carriesInformation('1'.repeat(1_000_000))).toBe(false);
    expect(Date.now() - started).toBeLessThan(200);
  });
});

describe('priorityFor', () => {
  it('raises urgency and vulnerability', () => {
    expect(priorityFor({ urgency: 'normal', vulnerability: [] })).toBe(3);
    expect(priorityFor({ urgency: 'high', vulnerability: [] })).toBe(2);
    expect(priorityFor({ urgency: 'high', vulnerability: ['illness'] })).toBe(1);
    expect(priorityFor({ urgency: 'low', vulnerability: [] })).toBe(4);
  });
});
