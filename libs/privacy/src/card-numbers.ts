import { luhnValid } from './checksums';

/** A card number found in a text: the character span and where each of its digits sits. */
export interface CardMatch {
  start: number;
  end: number;
  digitPositions: number[];
}

const MIN_DIGITS = 13;
const MAX_DIGITS = 19;
// Lengths tried for a card made of whole digit groups: 16 (most cards) first, then the longest.
const LENGTH_ORDER = [16, 19, 18, 17, 15, 14, 13];

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isSeparator(ch: string): boolean {
  return ch === ' ' || ch === '-' || ch === '\u00a0' || ch === '\u2011' || ch === '\u2013';
}

/**
 * Every Luhn-valid run of 13–19 digits written with any spaces or dashes
 * between them. A hand-written scan, not a regular expression, so a megabyte
 * of digits and dashes takes linear time (each group start tries at most
 * seven lengths). A card is made of whole digit groups: "4111 1111 1111 1111
 * 123" is the card and, after it, something else (a security code).
 */
export function findCardNumbers(text: string): CardMatch[] {
  const found: CardMatch[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    // One run: digit groups joined by at most two separator characters.
    const groups: number[][] = [];
    let current: number[] = [];
    let j = i;
    while (j < text.length) {
      if (isDigit(text.charCodeAt(j))) {
        current.push(j);
        j++;
        continue;
      }
      let k = j;
      while (k < text.length && k - j < 2 && isSeparator(text[k]!)) k++;
      if (k > j && k < text.length && isDigit(text.charCodeAt(k))) {
        groups.push(current);
        current = [];
        j = k;
        continue;
      }
      break;
    }
    groups.push(current);
    found.push(...cardsInRun(text, groups));
    i = j;
  }
  return found;
}

function cardsInRun(text: string, groups: number[][]): CardMatch[] {
  const cards: CardMatch[] = [];
  let g = 0;
  while (g < groups.length) {
    // The digit counts at which a whole group ends, starting from group g: at most 19 digits ahead.
    const endGroupAt: number[] = [];
    let digits = '';
    for (let h = g; h < groups.length && digits.length < MAX_DIGITS; h++) {
      if (digits.length + groups[h]!.length > MAX_DIGITS) break;
      for (const p of groups[h]!) digits += text[p];
      if (digits.length >= MIN_DIGITS && digits.length <= MAX_DIGITS) endGroupAt[digits.length] = h;
    }
    let matched = -1;
    for (const length of LENGTH_ORDER) {
      const last = endGroupAt[length];
      if (last === undefined || !luhnValid(digits.slice(0, length))) continue;
      const positions: number[] = [];
      for (let h = g; h <= last; h++) positions.push(...groups[h]!);
      cards.push({ start: positions[0]!, end: positions[positions.length - 1]! + 1, digitPositions: positions });
      matched = last;
      break;
    }
    g = matched >= 0 ? matched + 1 : g + 1;
  }
  return cards;
}

/** The digits a masked card keeps: at most the first six and the last four (PCI DSS 3.4), fewer for short cards. */
export function keptDigitIndexes(length: number): { head: number; tail: number } {
  return { head: Math.min(6, length - 4 - 3), tail: 4 };
}
