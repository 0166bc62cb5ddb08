import { convert } from 'html-to-text';

/**
 * How much HTML the fallback converts. mailparser gives up on HTML that is too
 * long or nested too deep (its text is then empty, and this fallback gets that
 * very HTML), so only the start is converted. The whole mail stays in the
 * message's raw payload.
 */
export const MAX_HTML_TO_TEXT_INPUT = 100_000;
/**
 * Parsing HTML is quadratic in the nesting depth (htmlparser2 keeps its stack
 * of open elements at the front of an array), so markup that may nest deeper
 * than this is not parsed at all: its tags are dropped in one pass instead.
 * Real mail stays far below it.
 */
export const MAX_OPEN_ELEMENTS = 500;
/** html-to-text walks the tree recursively: deeper elements are left out. */
const MAX_DEPTH = 256;

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** A plain rendering of an HTML-only mail for the agent: no images, no link targets, no line wrapping. */
export function htmlToPlainText(html: string): string {
  const input = html.length > MAX_HTML_TO_TEXT_INPUT ? html.slice(0, MAX_HTML_TO_TEXT_INPUT) : html;
  if (mayNestDeeperThan(input, MAX_OPEN_ELEMENTS)) return withoutTags(input);
  return convert(input, {
    wordwrap: false,
    limits: { maxDepth: MAX_DEPTH, maxInputLength: MAX_HTML_TO_TEXT_INPUT },
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { ignoreHref: true } },
    ],
  }).trim();
}

/**
 * An upper bound on nesting in one pass: start tags (other than void or
 * self-closed ones) minus end tags, at their highest. Unclosed paragraphs
 * count too, which only sends sloppy markup to the plainer rendering.
 */
export function mayNestDeeperThan(html: string, limit: number): boolean {
  let open = 0;
  /** The next ">" at or after the tag being read (-1: none left); found once, so the pass stays linear. */
  let close = html.indexOf('>');
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
    const next = html.charCodeAt(at + 1);
    if (next === 0x2f /* / */) {
      if (open > 0) open--;
      continue;
    }
    if (!isLetter(next)) continue;
    let nameEnd = at + 1;
    while (nameEnd < html.length && (isLetter(html.charCodeAt(nameEnd)) || isDigit(html.charCodeAt(nameEnd)))) nameEnd++;
    if (VOID_ELEMENTS.has(html.slice(at + 1, nameEnd).toLowerCase())) continue;
    if (close >= 0 && close < nameEnd) close = html.indexOf('>', nameEnd);
    if (close > 0 && html.charCodeAt(close - 1) === 0x2f) continue;
    if (++open > limit) return true;
  }
  return false;
}

/** Text between tags, whitespace folded: the rendering for markup too deep to parse. */
function withoutTags(html: string): string {
  let text = '';
  let from = 0;
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', from)) {
    text += `${html.slice(from, at)} `;
    const close = html.indexOf('>', at);
    if (close < 0) {
      from = html.length;
      break;
    }
    from = close + 1;
  }
  text += html.slice(from);
  return text.replace(/\s+/g, ' ').trim();
}

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
