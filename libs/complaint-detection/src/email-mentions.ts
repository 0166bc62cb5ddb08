/**
 * Email addresses written in a text, found by one index scan from each "@"
 * instead of a regular expression: `[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}`
 * backtracks quadratically on "aaaa…" or "a@a@a@…", and this runs inside the
 * intake of every message. Same matches as that pattern (leftmost, greedy,
 * not overlapping), lowercased, trailing dots dropped, in order of appearance.
 */
export function findEmailMentions(text: string): string[] {
  const found: string[] = [];
  let searchFrom = 0;
  /** Where the previous match ended: a match never starts inside another. */
  let taken = 0;
  for (;;) {
    const at = text.indexOf('@', searchFrom);
    if (at < 0) break;
    let start = at;
    while (start > taken && isLocalChar(text.charCodeAt(start - 1))) start--;
    let domainEnd = at + 1;
    while (domainEnd < text.length && isDomainChar(text.charCodeAt(domainEnd))) domainEnd++;
    const end = start < at ? longestDomainMatch(text, at + 1, domainEnd) : -1;
    if (end > 0) {
      found.push(text.slice(start, end).toLowerCase().replace(/\.+$/, ''));
      taken = end;
      searchFrom = end;
    } else {
      searchFrom = at + 1;
    }
  }
  return found;
}

/**
 * The end of the longest prefix of text[from, to) that reads `<something>.<two or more letters>`,
 * or -1. Scans back from the end once: a candidate end is a letter whose run of letters is
 * preceded by a dot that is not the first character.
 */
function longestDomainMatch(text: string, from: number, to: number): number {
  let end = to;
  while (end > from) {
    // Skip back to the last letter.
    while (end > from && !isLetter(text.charCodeAt(end - 1))) end--;
    let letters = end;
    while (letters > from && isLetter(text.charCodeAt(letters - 1))) letters--;
    const dot = letters - 1;
    if (end - letters >= 2 && dot > from && text.charCodeAt(dot) === DOT) return end;
    // No top-level domain ends here: try the run before these letters.
    end = letters;
  }
  return -1;
}

const DOT = 0x2e;

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** [a-z0-9._%+-] */
function isLocalChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === DOT || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x2d;
}

/** [a-z0-9.-] */
function isDomainChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === DOT || c === 0x2d;
}
