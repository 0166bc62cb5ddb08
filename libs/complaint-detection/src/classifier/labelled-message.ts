import {
  CLASSIFICATION_KINDS,
  type ClassificationKind,
  type Urgency,
  type VulnerabilitySignal,
} from '@inbox/contracts';
import type { Language } from './text-features';

export const PRODUCTS = [
  'card', 'account', 'loan', 'mortgage', 'insurance', 'superannuation', 'payments', 'digital_banking', 'other',
] as const;
export type Product = (typeof PRODUCTS)[number];

export const ISSUES = [
  'fees', 'service_quality', 'delay', 'incorrect_transaction', 'fraud_scam', 'hardship', 'privacy', 'staff_conduct',
  'outage', 'other',
] as const;
export type Issue = (typeof ISSUES)[number];

export const URGENCIES: readonly Urgency[] = ['low', 'normal', 'high'];
const VULNERABILITY_SIGNALS: readonly VulnerabilitySignal[] = [
  'hardship', 'illness', 'family_violence', 'bereavement', 'cannot_pay', 'other',
];

/** What makes a message of the adversarial set hard to read (libs/complaint-detection/corpus/test-sets, docs/classification.md). */
export const ADVERSARIAL_TRAITS = ['irony', 'politeness', 'hardship', 'third_party', 'question', 'typo', 'translit'] as const;
export type AdversarialTrait = (typeof ADVERSARIAL_TRAITS)[number];

/** One line of the corpus (libs/complaint-detection/corpus/*.jsonl) or one agent correction. */
export interface LabelledMessage {
  text: string;
  lang: Language;
  kind: ClassificationKind;
  product: Product | null;
  issue: Issue | null;
  urgency: Urgency;
  vulnerability: VulnerabilitySignal[];
  /** How much this example counts in training (agent corrections count more). */
  weight?: number;
  /** Agent corrections carry no urgency label, so they do not train the urgency head. */
  source?: 'corpus' | 'correction';
  /** Adversarial set only: the difficulty the message was written to show. */
  trait?: AdversarialTrait;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, where: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`${where}: ${field} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
}

function nullableOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, where: string): T | null {
  return value === null || value === undefined ? null : oneOf(value, allowed, field, where);
}

/** Validates one parsed corpus record, naming the line and field that is wrong. */
export function toLabelledMessage(raw: unknown, where: string): LabelledMessage {
  if (typeof raw !== 'object' || raw === null) throw new Error(`${where}: not an object`);
  const r = raw as Record<string, unknown>;
  if (typeof r.text !== 'string' || r.text.trim() === '') throw new Error(`${where}: text is missing`);
  const vulnerability = Array.isArray(r.vulnerability) ? r.vulnerability : [];
  const trait = r.trait === undefined ? undefined : oneOf(r.trait, ADVERSARIAL_TRAITS, 'trait', where);
  return {
    ...(trait ? { trait } : {}),
    text: r.text,
    lang: oneOf(r.lang, ['en', 'ru'] as const, 'lang', where),
    kind: oneOf(r.kind, CLASSIFICATION_KINDS, 'kind', where),
    product: nullableOneOf(r.product, PRODUCTS, 'product', where),
    issue: nullableOneOf(r.issue, ISSUES, 'issue', where),
    urgency: oneOf(r.urgency ?? 'normal', URGENCIES, 'urgency', where),
    vulnerability: vulnerability.map((v) => oneOf(v, VULNERABILITY_SIGNALS, 'vulnerability', where)),
  };
}

/** Parses a JSONL corpus file's content. */
export function parseCorpus(jsonl: string, fileName: string): LabelledMessage[] {
  return jsonl
    .split('\n')
    .map((line, i) => ({ line: line.trim(), where: `${fileName}:${i + 1}` }))
    .filter(({ line }) => line !== '')
    .map(({ line, where }) => toLabelledMessage(JSON.parse(line), where));
}

/** An agent's correction as stored in `classification_corrections`. */
export interface ClassificationCorrection {
  text: string;
  kind: string;
  product: string | null;
  issue: string | null;
}

/** An agent's judgement outweighs one corpus example. */
export const CORRECTION_WEIGHT = 3;

function knownOrOther<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  if (value === null || value === '') return null;
  return (allowed as readonly string[]).includes(value) ? (value as T) : ('other' as T);
}

/**
 * Turns an agent's correction into a training example (null when its kind is not one we know).
 * Vulnerability comes from the lexicon's reading of the text, passed in by the caller.
 */
export function correctionToExample(
  correction: ClassificationCorrection,
  lang: Language,
  vulnerability: VulnerabilitySignal[],
): LabelledMessage | null {
  if (!(CLASSIFICATION_KINDS as readonly string[]).includes(correction.kind) || correction.text.trim() === '') return null;
  const kind = correction.kind as ClassificationKind;
  return {
    text: correction.text,
    lang,
    kind,
    product: kind === 'noise' ? null : knownOrOther(correction.product, PRODUCTS),
    issue: kind === 'noise' ? null : knownOrOther(correction.issue, ISSUES),
    urgency: 'normal',
    vulnerability,
    weight: CORRECTION_WEIGHT,
    source: 'correction',
  };
}
