import { DEFAULT_TRAINING_OPTIONS, THRESHOLD_GRID, trainClassifierModel } from './classifier-training';
import type { LabelledMessage } from './labelled-message';
import { TrainedMessageClassifier } from './message-classifier';

function message(text: string, kind: LabelledMessage['kind'], product: LabelledMessage['product'] = null, issue: LabelledMessage['issue'] = null): LabelledMessage {
  return { text, lang: /[а-я]/i.test(text) ? 'ru' : 'en', kind, product, issue, urgency: kind === 'complaint' ? 'normal' : 'low', vulnerability: [] };
}

const tiny: LabelledMessage[] = [
  message('you charged me a fee twice, refund it', 'complaint', 'card', 'fees'),
  message('outrageous fee on my card, I want a refund', 'complaint', 'card', 'fees'),
  message('the app is down again, cannot log in', 'complaint', 'digital_banking', 'outage'),
  message('app down all day, useless', 'complaint', 'digital_banking', 'outage'),
  message('с меня списали комиссию дважды, верните', 'complaint', 'card', 'fees'),
  message('приложение опять не работает, не могу войти', 'complaint', 'digital_banking', 'outage'),
  message('how do I open an account?', 'enquiry', 'account', 'other'),
  message('what documents do I need to open an account?', 'enquiry', 'account', 'other'),
  message('как открыть счёт?', 'enquiry', 'account', 'other'),
  message('какие документы нужны чтобы открыть счёт?', 'enquiry', 'account', 'other'),
  message('thank you so much, wonderful staff', 'compliment'),
  message('wonderful service, thank you', 'compliment'),
  message('огромное спасибо, замечательный сотрудник', 'compliment'),
  message('ok', 'noise'),
  message('👍', 'noise'),
  message('out of office until monday', 'noise'),
  message('ок', 'noise'),
];

describe('classifier training', () => {
  const options = { ...DEFAULT_TRAINING_OPTIONS, minFeatureCount: 1, folds: 2, epochs: 40 };

  it('trains every head on a tiny set and predicts what it learnt', () => {
    const { model } = trainClassifierModel(tiny, options);
    const classifier = new TrainedMessageClassifier(model);
    expect(classifier.classify('you charged me another fee, refund it').kind).toBe('complaint');
    expect(classifier.classify('you charged me another fee, refund it').product).toBe('card');
    expect(classifier.classify('the app is down, cannot log in').category).toBe('digital_banking/outage');
    expect(classifier.classify('how do I open a savings account?').kind).toBe('enquiry');
    expect(classifier.classify('какие документы нужны для счёта?').kind).toBe('enquiry');
    expect(classifier.classify('thank you, wonderful').kind).toBe('compliment');
    expect(model.trainedOn).toEqual({ examples: tiny.length, corrections: 0, byKind: { complaint: 6, enquiry: 4, compliment: 3, noise: 4 } });
  });

  it('writes the same model for the same examples and seed', () => {
    expect(JSON.stringify(trainClassifierModel(tiny, options).model)).toBe(JSON.stringify(trainClassifierModel(tiny, options).model));
  });

  it('an agent correction outweighs the corpus', () => {
    const text = 'the card fee thing again';
    const before = new TrainedMessageClassifier(trainClassifierModel(tiny, options).model);
    const corrected = [...tiny, { ...message(text, 'noise'), weight: 3, source: 'correction' as const }];
    const after = new TrainedMessageClassifier(trainClassifierModel(corrected, options).model);
    expect(after.kindProbabilities(text)[3]).toBeGreaterThan(before.kindProbabilities(text)[3]);
  });

  it('chooses confident decision thresholds on cross-validated predictions and stores them in the model', () => {
    const { model, calibration } = trainClassifierModel(tiny, options);
    expect(model.decision).toEqual(calibration.decision);
    for (const t of Object.values(model.decision)) {
      expect(THRESHOLD_GRID).toContain(t);
      expect(t).toBeGreaterThanOrEqual(0.7);
    }
    expect(calibration.validation.recall).toBeGreaterThan(0);
  });

  it('refuses to train on nothing', () => {
    expect(() => trainClassifierModel([], options)).toThrow(/no examples/);
  });
});
