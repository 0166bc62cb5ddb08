import { topicCues } from './classifier/signal-lexicons';

/** Why a new message of a customer reads as another complaint than their open case: the products each mentions. */
export interface SplitSignal {
  messageProducts: string[];
  caseProducts: string[];
}

/** The products a text names, from the classifier's product lexicon (`card`, `loan`, …). */
export function productsMentioned(text: string): string[] {
  return topicCues(text)
    .filter((topic) => topic.startsWith('product:'))
    .map((topic) => topic.slice('product:'.length));
}

/**
 * A new message reads as a different complaint when it names a product and
 * the open case's messages name products, none of them the same: "my home
 * loan" against a case about a card fee. Explainable on purpose — the agent
 * sees both lists — and only a suggestion: it never moves a message itself.
 * No product on either side says nothing either way.
 */
export function differentComplaintSignal(messageText: string, caseTexts: readonly string[]): SplitSignal | null {
  const messageProducts = productsMentioned(messageText);
  if (messageProducts.length === 0) return null;
  const caseProducts = [...new Set(caseTexts.flatMap(productsMentioned))].sort();
  if (caseProducts.length === 0) return null;
  if (messageProducts.some((p) => caseProducts.includes(p))) return null;
  return { messageProducts, caseProducts };
}
