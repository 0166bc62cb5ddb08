import {
  CLASSIFICATION_KINDS,
  type Classification,
  type ClassificationKind,
  type Urgency,
  type VulnerabilitySignal,
} from '@inbox/contracts';
import { MODEL_FORMAT, decodeHead, type ClassifierModelFile, type Head } from './classifier-model';
import { complaintCues } from './complaint-cues';
import { decideKind, type DecisionThresholds } from './complaint-decision';
import { hasUrgencyCue, lexiconSentiment, vulnerabilitySignals } from './signal-lexicons';
import { scoresOf, softmax, type SparseVector } from './softmax-regression';
import { vectorise } from './message-features';
import { detectLanguage } from './text-features';
import { readableText } from './transliteration';

export interface ClassifyHints {
  /** The channel saw an auto-reply marker (Auto-Submitted, X-Autoreply, …): noise, whatever the text says. */
  autoReply?: boolean;
}

/** A compliment names a product only when the model is this sure; otherwise its category stays empty. */
const COMPLIMENT_PRODUCT_CONFIDENCE = 0.5;
/**
 * What the classifier reads of a message: a complaint shows itself in its first pages, and a cap keeps
 * every pattern linear-time on adversarial input (a megabyte of one character).
 */
export const MAX_CLASSIFIED_CHARS = 20_000;
/** Signals that make a message urgent whatever the model says about urgency. */
const URGENT_SIGNALS: VulnerabilitySignal[] = ['family_violence', 'cannot_pay', 'illness', 'bereavement'];

function argmax(values: number[]): number {
  return values.indexOf(Math.max(...values));
}

function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function assertModelFile(json: unknown): ClassifierModelFile {
  const model = json as Partial<ClassifierModelFile> | null;
  if (!model || model.format !== MODEL_FORMAT || typeof model.features !== 'string' || !model.heads || !model.decision) {
    throw new Error(`not a classifier model file (expected format ${MODEL_FORMAT})`);
  }
  return model as ClassifierModelFile;
}

/** Classifies one inbound message: kind with calibrated confidence, product/issue, urgency, vulnerability, sentiment, language. */
export class TrainedMessageClassifier {
  private readonly featureIndex: Map<string, number>;
  private readonly kindHead: Head;
  private readonly productHead: Head;
  private readonly issueHead: Head;
  private readonly urgencyHead: Head;
  readonly decision: DecisionThresholds;
  private readonly temperature: number;

  constructor(model: ClassifierModelFile) {
    const features = model.features === '' ? [] : model.features.split('\n');
    this.featureIndex = new Map(features.map((f, i) => [f, i]));
    this.kindHead = decodeHead(model.heads.kind, features.length);
    this.productHead = decodeHead(model.heads.product, features.length);
    this.issueHead = decodeHead(model.heads.issue, features.length);
    this.urgencyHead = decodeHead(model.heads.urgency, features.length);
    if (this.kindHead.labels.join() !== CLASSIFICATION_KINDS.join()) throw new Error('classifier model kinds do not match the contract');
    this.decision = model.decision;
    this.temperature = model.temperature;
  }

  private vector(text: string): SparseVector {
    return vectorise(text, this.featureIndex);
  }

  /** Calibrated probability of each kind, in CLASSIFICATION_KINDS order (the model's view, before the decision). */
  kindProbabilities(text: string): number[] {
    return softmax(scoresOf(this.kindHead.weights, this.vector(text.slice(0, MAX_CLASSIFIED_CHARS))), this.temperature);
  }

  classify(original: string, hints: ClassifyHints = {}): Classification {
    const capped = original.slice(0, MAX_CLASSIFIED_CHARS);
    const text = readableText(capped);
    const language = text !== capped ? 'ru' : detectLanguage(text);
    if (hints.autoReply || text.trim() === '') {
      return {
        kind: 'noise', confidence: 0.99, category: null, product: null, issue: null, urgency: 'low',
        vulnerability: [], sentiment: 0, language, source: 'model', doubt: null,
      };
    }
    // The features read the transliteration themselves (messageFeatures), as in training.
    const x = this.vector(capped);
    const kindProbs = softmax(scoresOf(this.kindHead.weights, x), this.temperature);
    const { kind, doubt } = decideKind(kindProbs, complaintCues(text), this.decision);
    const confidence = round(kindProbs[CLASSIFICATION_KINDS.indexOf(kind)]);

    let product: string | null = null;
    let issue: string | null = null;
    if (kind !== 'noise') {
      const productProbs = softmax(scoresOf(this.productHead.weights, x));
      const p = argmax(productProbs);
      const named = this.productHead.labels[p] !== 'other' && productProbs[p] >= COMPLIMENT_PRODUCT_CONFIDENCE;
      if (kind !== 'compliment' || named) {
        product = this.productHead.labels[p];
        issue = this.issueHead.labels[argmax(scoresOf(this.issueHead.weights, x))];
      }
    }
    const vulnerability = kind === 'noise' ? [] : vulnerabilitySignals(text);
    return {
      kind,
      confidence,
      category: product && issue ? `${product}/${issue}` : null,
      product,
      issue,
      urgency: this.urgency(kind, x, text, issue, vulnerability),
      vulnerability,
      sentiment: this.sentiment(text, kind),
      language,
      source: 'model',
      doubt,
    };
  }

  private urgency(
    kind: ClassificationKind,
    x: SparseVector,
    text: string,
    issue: string | null,
    vulnerability: VulnerabilitySignal[],
  ): Urgency {
    if (kind === 'noise' || kind === 'compliment') return 'low';
    if (vulnerability.some((v) => URGENT_SIGNALS.includes(v))) return 'high';
    if (issue === 'fraud_scam' && hasUrgencyCue(text)) return 'high';
    return this.urgencyHead.labels[argmax(scoresOf(this.urgencyHead.weights, x))] as Urgency;
  }

  /** Lexicon polarity shifted by the kind: sarcasm ("great, another fee") reads positive to a lexicon, not to the model. */
  private sentiment(text: string, kind: ClassificationKind): number {
    const shift = kind === 'complaint' ? -0.6 : kind === 'compliment' ? 0.6 : 0;
    return round(Math.max(-1, Math.min(1, 0.4 * lexiconSentiment(text) + shift)), 2);
  }
}
