import type { Channel, ClassificationKind } from '@inbox/contracts';

/** What a routing rule asks of a new case's first message; a condition left out matches anything. */
export interface RoutingConditions {
  channel: Channel | null;
  /** The account it came to: the mailbox, number or page id, compared without regard to case. */
  account: string | null;
  kind: ClassificationKind | null;
  /** Any one of these words or phrases in the text, as whole words, without regard to case. */
  words: readonly string[];
}

export interface RoutingRule extends RoutingConditions {
  id: string;
  teamId: string;
}

/** The facts of a message that opens a case. */
export interface RoutingFacts {
  channel: Channel;
  account: string;
  kind: ClassificationKind;
  text: string;
}

/** Lower-case words (letters and digits of any script) joined by single spaces, padded so a phrase matches whole words only. */
function wordsOf(text: string): string {
  return ` ${(text.toLocaleLowerCase('en-AU').match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')} `;
}

/** Whether one rule's conditions all hold for the message. */
export function routingRuleMatches(rule: RoutingConditions, facts: RoutingFacts, normalisedText = wordsOf(facts.text)): boolean {
  if (rule.channel !== null && rule.channel !== facts.channel) return false;
  if (rule.account !== null && rule.account.trim().toLowerCase() !== facts.account.trim().toLowerCase()) return false;
  if (rule.kind !== null && rule.kind !== facts.kind) return false;
  if (rule.words.length === 0) return true;
  return rule.words.some((w) => {
    const phrase = wordsOf(w);
    return phrase.trim() !== '' && normalisedText.includes(phrase);
  });
}

/** The team of the first rule (in the order given) that matches, or null: the case then goes to the default team. */
export function chooseRoutedTeam(rules: readonly RoutingRule[], facts: RoutingFacts): string | null {
  const text = wordsOf(facts.text);
  return rules.find((rule) => routingRuleMatches(rule, facts, text))?.teamId ?? null;
}

/** A rule with no condition at all would swallow every case: the editor and the API refuse it. */
export function hasCondition(rule: RoutingConditions): boolean {
  return rule.channel !== null || rule.account !== null || rule.kind !== null || rule.words.some((w) => wordsOf(w).trim() !== '');
}
