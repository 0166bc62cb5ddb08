import type { RedactionKind } from '@inbox/contracts';
import { tfnValid } from './checksums';
import { findCardNumbers, keptDigitIndexes } from './card-numbers';
import type { FirmPattern } from './firm-patterns';

/** One removal in one text. */
export interface TextRedaction {
  kind: RedactionKind;
  label?: string;
}

export interface RedactedText {
  text: string;
  found: TextRedaction[];
}

// Bounded windows and quantifiers only: these run on customer text (see docs/personal-data.md, "Linear time").
const SECURITY_CODE_NAMED = /^[\s\S]{0,32}?\b(?:cvv2?|cvc2?|cvn|csc|cid|security\s?code|sec\.?\s?code)\b[\s:#=.-]{0,4}(\d{3,4})(?!\d)/i;
const SECURITY_CODE_BARE = /^[\s,;:/|-]{1,3}(\d{3,4})(?![\d/.-])/;
const WINDOW_AFTER_CARD = 48;
const TAX_FILE_NUMBER = /(?<![\d*+][ -]?)(?<![\d*+])(\d{3})[ -]?(\d{3})[ -]?(\d{3})(?![ -]?\d)/g;
const PASSWORD = /\b(password|passwd|passcode|passphrase|pwd|pin)(\s{0,3}(?:[:=]|\bis\b)\s{0,3})([^\s]{1,200})/gi;

const TFN_REMOVED = '[tax file number removed]';
const PASSWORD_REMOVED = '[password removed]';

/**
 * The text with payment card numbers masked (first six and last four kept),
 * a security code beside a card masked, checksum-valid tax file numbers and
 * written passwords removed, then the firm's own patterns; and what was found.
 */
export function redactText(input: string, firmPatterns: readonly FirmPattern[] = []): RedactedText {
  const found: TextRedaction[] = [];
  let text = maskCards(input, found);
  text = text.replace(TAX_FILE_NUMBER, (whole: string, a: string, b: string, c: string) => {
    if (!tfnValid(a + b + c)) return whole;
    found.push({ kind: 'tax_file_number' });
    return TFN_REMOVED;
  });
  text = text.replace(PASSWORD, (whole: string, keyword: string, joint: string, value: string) => {
    // "my password is wrong" names no password; "password is hunter2" does.
    if (/is/i.test(joint) && /^[a-z]+[.,!?]?$/i.test(value)) return whole;
    if (value === PASSWORD_REMOVED.split(' ')[0]) return whole;
    found.push({ kind: 'password' });
    return `${keyword}${joint}${PASSWORD_REMOVED}`;
  });
  for (const pattern of firmPatterns) {
    const replaced = pattern.replaceAll(text, `[${pattern.name} removed]`);
    for (let n = 0; n < replaced.count; n++) found.push({ kind: 'custom', label: pattern.name });
    text = replaced.text;
  }
  return { text, found };
}

function maskCards(text: string, found: TextRedaction[]): string {
  const cards = findCardNumbers(text);
  if (cards.length === 0) return text;
  const chars = Array.from({ length: text.length }, (_, i) => text[i]!);
  for (const card of cards) {
    const { head, tail } = keptDigitIndexes(card.digitPositions.length);
    card.digitPositions.forEach((position, index) => {
      if (index >= head && index < card.digitPositions.length - tail) chars[position] = '*';
    });
    found.push({ kind: 'card_number' });
    const window = text.slice(card.end, card.end + WINDOW_AFTER_CARD);
    const code = SECURITY_CODE_NAMED.exec(window) ?? SECURITY_CODE_BARE.exec(window);
    if (code) {
      const codeStart = card.end + code.index + code[0].length - code[1]!.length;
      for (let p = codeStart; p < codeStart + code[1]!.length; p++) chars[p] = '*';
      found.push({ kind: 'card_security_code' });
    }
  }
  return chars.join('');
}
