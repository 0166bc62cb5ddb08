/**
 * Only the start of a body is searched: what the customer wrote is at the top,
 * and the whole mail stays in the message's raw payload anyway.
 */
export const MAX_QUOTED_REPLY_INPUT = 100_000;

/** No attribution, header, separator or device signature is longer than this; longer lines never meet a pattern. */
const MAX_PATTERN_LINE = 1_000;

/**
 * The new part of an email: what the customer wrote above the quoted history
 * and their signature. The full body stays in the message's raw payload; this
 * is only what the agent reads first. Pure and conservative: when in doubt,
 * keep the text. Linear in its input (index scans and `trim`, regular
 * expressions only on short lines), so no body can hold up the mailbox.
 */
export function stripQuotedReply(body: string): string {
  const capped = body.length > MAX_QUOTED_REPLY_INPUT ? body.slice(0, MAX_QUOTED_REPLY_INPUT) : body;
  const lines = capped.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    if (startsQuotedHistory(lines, i)) {
      end = i;
      break;
    }
  }
  // A device signature may sit below the trailing quote or above it.
  end = signatureStart(lines, trailingQuoteStart(lines, signatureStart(lines, end)));
  const text = withoutLeadingBlankLines(lines.slice(0, end).join('\n').trimEnd());
  return text.trim() === '' ? capped.trim() : text;
}

const ATTRIBUTION = [
  /^On\b.{0,300}\bwrote:\s*$/i, // Gmail, Apple Mail, Thunderbird
  /^Le\b.{0,300}\ba écrit\s*:\s*$/i,
  /^Am\b.{0,300}\bschrieb\b.{0,300}:\s*$/i,
  /^El\b.{0,300}\bescribió:\s*$/i,
];

/** The line, trimmed, when it is short enough to be worth a pattern; otherwise undefined. */
function shortLine(lines: readonly string[], i: number): string | undefined {
  const line = lines[i];
  return line !== undefined && line.length <= MAX_PATTERN_LINE ? line.trim() : undefined;
}

function startsQuotedHistory(lines: readonly string[], i: number): boolean {
  const line = shortLine(lines, i);
  if (line === undefined) return false;
  if (/^-{2,}\s*(Original Message|Forwarded message)\s*-{2,}$/i.test(line)) return true;
  if (ATTRIBUTION.some((p) => p.test(line))) return true;
  // Attributions wrapped over two lines ("On Mon, 3 Jun 2024, Support <\nsupport@x.com> wrote:").
  const next = shortLine(lines, i + 1);
  if (/^(On|Le|Am|El)\b/.test(line) && next !== undefined && ATTRIBUTION.some((p) => p.test(`${line} ${next}`))) return true;
  // Outlook: a rule or a "From:" header block with Sent/Date close below it.
  if (/^_{10,}$/.test(line) && /^From:/i.test(next ?? '')) return true;
  if (/^From:\s*\S/i.test(line)) {
    for (let j = i + 1; j < Math.min(lines.length, i + 5); j++) {
      if (/^(Sent|Date):\s*\S/i.test(shortLine(lines, j) ?? '')) return true;
    }
  }
  return false;
}

/** Where a block of "> " lines at the end starts (with the blank lines around it); quotes interleaved with answers stay. */
function trailingQuoteStart(lines: readonly string[], end: number): number {
  while (end > 0 && (isBlank(lines[end - 1]) || lines[end - 1].trimStart().startsWith('>'))) end--;
  return end;
}

/** Where the signature below `end` starts: at the RFC 3676 separator, then without trailing blank or device-signature lines. */
function signatureStart(lines: readonly string[], end: number): number {
  // "-- ", often sent without its trailing space.
  for (let i = 0; i < end; i++) {
    if (lines[i] === '-- ' || lines[i] === '--') {
      end = i;
      break;
    }
  }
  while (end > 0 && (isBlank(lines[end - 1]) || isDeviceSignature(shortLine(lines, end - 1)))) end--;
  return end;
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function isDeviceSignature(line: string | undefined): boolean {
  return line !== undefined && /^(Sent from my \w[\w ]{0,30}|Sent from (Mail|Outlook) for \w+|Get Outlook for \w+)\.?$/i.test(line);
}

/** Drops whole blank lines at the start, keeping the first written line's indentation. */
function withoutLeadingBlankLines(text: string): string {
  const firstWritten = text.length - text.trimStart().length;
  const lineBreak = text.lastIndexOf('\n', firstWritten - 1);
  return firstWritten > 0 && lineBreak >= 0 ? text.slice(lineBreak + 1) : text;
}
