import type { ComplaintCues } from './complaint-cues';
import { decideKind } from './complaint-decision';

// probabilities in CLASSIFICATION_KINDS order: complaint, enquiry, compliment, noise
const thresholds = { noise: 0.7, compliment: 0.6, enquiry: 0.6 };
const calm: ComplaintCues = { machine: false, acknowledgement: false, dissatisfaction: [], unresolvedProblem: false, vulnerable: false, asksSomething: true };

describe('the asymmetric decision', () => {
  it('keeps the model’s kind when it is confident and nothing speaks against it', () => {
    expect(decideKind([0.05, 0.9, 0.03, 0.02], calm, thresholds)).toEqual({ kind: 'enquiry', doubt: null });
    expect(decideKind([0.05, 0.05, 0.85, 0.05], calm, thresholds)).toEqual({ kind: 'compliment', doubt: null });
    expect(decideKind([0.9, 0.05, 0.03, 0.02], calm, thresholds)).toEqual({ kind: 'complaint', doubt: null });
  });

  it('makes noise only of machine mail and bare acknowledgements', () => {
    expect(decideKind([0.01, 0.01, 0.01, 0.97], { ...calm, acknowledgement: true }, thresholds).kind).toBe('noise');
    expect(decideKind([0.01, 0.01, 0.01, 0.97], { ...calm, machine: true }, thresholds).kind).toBe('noise');
    // The model says noise, but the message is neither: a complaint the agent is asked to check.
    expect(decideKind([0.02, 0.01, 0.01, 0.96], calm, thresholds)).toEqual({
      kind: 'complaint',
      doubt: { modelKind: 'noise', reasons: ['model_leaned_noise'] },
    });
  });

  it('never calls dissatisfaction a compliment or an enquiry', () => {
    const ironic = { ...calm, dissatisfaction: ['irony' as const] };
    expect(decideKind([0.05, 0.05, 0.85, 0.05], ironic, thresholds)).toEqual({
      kind: 'complaint',
      doubt: { modelKind: 'compliment', reasons: ['model_leaned_compliment', 'irony'] },
    });
    const question = { ...calm, dissatisfaction: ['dissatisfied_question' as const] };
    expect(decideKind([0.1, 0.85, 0.03, 0.02], question, thresholds).doubt?.reasons).toEqual(['model_leaned_enquiry', 'dissatisfied_question']);
  });

  it('calls nothing an enquiry that asks nothing', () => {
    expect(decideKind([0.1, 0.85, 0.03, 0.02], { ...calm, asksSomething: false }, thresholds)).toEqual({
      kind: 'complaint',
      doubt: { modelKind: 'enquiry', reasons: ['model_leaned_enquiry', 'asks_nothing'] },
    });
  });

  it('counts hardship and vulnerability toward a complaint', () => {
    const vulnerable = { ...calm, vulnerable: true };
    expect(decideKind([0.1, 0.85, 0.03, 0.02], vulnerable, thresholds)).toEqual({
      kind: 'complaint',
      doubt: { modelKind: 'enquiry', reasons: ['model_leaned_enquiry', 'vulnerability'] },
    });
    expect(decideKind([0.1, 0.05, 0.83, 0.02], vulnerable, thresholds).kind).toBe('complaint');
  });

  it('needs confidence: a compliment with a problem left unresolved, or an unsure model, is a complaint to check', () => {
    expect(decideKind([0.05, 0.05, 0.85, 0.05], { ...calm, unresolvedProblem: true }, thresholds).kind).toBe('complaint');
    expect(decideKind([0.3, 0.5, 0.1, 0.1], calm, thresholds)).toEqual({
      kind: 'complaint',
      doubt: { modelKind: 'enquiry', reasons: ['model_leaned_enquiry'] },
    });
    expect(decideKind([0.45, 0.35, 0.1, 0.1], calm, thresholds)).toEqual({
      kind: 'complaint',
      doubt: { modelKind: 'complaint', reasons: ['low_confidence'] },
    });
  });

  it('an auto-reply is noise even when it mentions hardship', () => {
    expect(decideKind([0.1, 0.0, 0.0, 0.9], { ...calm, machine: true, vulnerable: true }, thresholds).kind).toBe('noise');
  });
});
