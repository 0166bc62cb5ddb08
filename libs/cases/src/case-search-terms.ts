/** A search box's text split the way agents type: whole words, then the word being typed. */
export interface CaseSearchTerms {
  /** Every word but the last, matched whole (plainto_tsquery). */
  words: string;
  /** The last word, matched as a prefix ("refun" finds "refund"); null when there is none worth matching. */
  prefix: string | null;
}

/**
 * A shorter last word is not matched as a prefix: a one-letter prefix would
 * read a good part of the index to match nearly every message.
 */
export const MIN_PREFIX_LENGTH = 3;

/**
 * Splits `q` at its last whitespace. A query that ends in whitespace was typed
 * to the end of its last word, so every word is whole. The last word keeps its
 * punctuation: PostgreSQL's parser makes the lexemes of both parts. A last
 * word shorter than MIN_PREFIX_LENGTH is kept whole when it is a number
 * ("order 42", typed whole) or the only word, and left out otherwise: "…please r"
 * is a word the search box cut, and the words before it find the message.
 */
export function caseSearchTerms(q: string): CaseSearchTerms {
  if (/\s$/.test(q)) return { words: q.trim(), prefix: null };
  const at = q.search(/\S+$/);
  const words = q.slice(0, at).trim();
  const last = q.slice(at);
  if (last.length >= MIN_PREFIX_LENGTH) return { words, prefix: last };
  if (!words || /^\p{N}+\p{P}*$/u.test(last)) return { words: q.trim(), prefix: null };
  return { words, prefix: null };
}
