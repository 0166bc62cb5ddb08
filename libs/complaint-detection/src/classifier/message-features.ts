import { toSparseVector, type SparseVector } from './softmax-regression';
import { complaintCues } from './complaint-cues';
import { lexiconPolarity, toneCues, topicCues } from './signal-lexicons';
import { extractFeatures } from './text-features';
import { readableText } from './transliteration';

/**
 * Everything the model sees of a message: the text features plus hand-written
 * cues (sentiment words, grievance and thank-you phrases, mass-mail wording,
 * sarcasm), so a grievance worded in a way the corpus never used still leans
 * towards complaint.
 */
export function messageFeatures(original: string): string[] {
  const text = readableText(original);
  const features = extractFeatures(text);
  const { positive, negative } = lexiconPolarity(text);
  if (negative > 0) features.push(`lex:neg${Math.min(negative, 3)}`);
  if (positive > 0) features.push(`lex:pos${Math.min(positive, 3)}`);
  const tone = toneCues(text);
  if (tone.grievance > 0) features.push(`tone:grievance${Math.min(tone.grievance, 3)}`, 'tone:grievance');
  if (tone.gratitude > 0) features.push(`tone:gratitude${Math.min(tone.gratitude, 2)}`, 'tone:gratitude');
  if (tone.broadcast > 0) features.push(`tone:broadcast${Math.min(tone.broadcast, 2)}`, 'tone:broadcast');
  if (tone.asksQuestion) features.push('tone:asks');
  if (tone.problem > 0) features.push('tone:problem');
  if (tone.resolution > 0) features.push('tone:resolved');
  // Thanks for a problem nobody fixed is sarcasm ("thanks for the new fee").
  if (tone.irony > 0 || (tone.gratitude > 0 && tone.problem > 0 && tone.resolution === 0)) features.push('tone:sarcasm');
  for (const topic of topicCues(text)) features.push(`topic:${topic}`);
  // The cues the decision policy weighs (complaint-cues.ts) are features too, so the model learns their weight.
  const cues = complaintCues(text);
  for (const cue of cues.dissatisfaction) features.push(`tone:${cue}`);
  if (cues.dissatisfaction.length > 0) features.push('tone:dissatisfaction');
  if (cues.vulnerable) features.push('tone:vulnerable');
  if (cues.acknowledgement) features.push('tone:acknowledgement');
  if (cues.machine) features.push('tone:machine');
  if (text !== original) features.push('translit');
  return [...new Set(features)];
}

/**
 * Character n-grams are many and mostly say what a message is about (its product),
 * words say how it is said; so each n-gram counts for less than a word.
 */
const CHAR_NGRAM_WEIGHT = 0.25;
/** Hand-written tone and topic cues generalise beyond the corpus's wording, so they count double. */
const TONE_CUE_WEIGHT = 2;

export function featureWeight(feature: string): number {
  if (feature.startsWith('c:')) return CHAR_NGRAM_WEIGHT;
  return feature.startsWith('tone:') || feature.startsWith('topic:') ? TONE_CUE_WEIGHT : 1;
}

/** The message as a unit-length sparse vector over a model's vocabulary (unknown features are dropped). */
export function vectorise(text: string, vocabulary: ReadonlyMap<string, number>): SparseVector {
  const known = messageFeatures(text)
    .map((f) => ({ index: vocabulary.get(f), weight: featureWeight(f) }))
    .filter((f): f is { index: number; weight: number } => f.index !== undefined)
    .sort((a, b) => a.index - b.index);
  return toSparseVector(known.map((f) => f.index), known.map((f) => f.weight));
}
