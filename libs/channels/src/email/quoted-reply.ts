/**
 * The new part of an email: what the customer wrote above the quoted history
 * and their signature. The full body stays in the message's raw payload; this
 * is only what the agent reads first. Pure and conservative: when in doubt,
 * keep the text.
 */
export function stripQuotedReply(body: string): string {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    if (startsQuotedHistory(lines, i)) {
      end = i;
      break;
    }
  }
  let kept = lines.slice(0, end);
  // A device signature may sit below the trailing quote or above it.
  kept = dropSignature(dropTrailingQuote(dropSignature(kept)));
  const text = kept.join('\n').replace(/\s+$/, '').replace(/^\s*\n/, '');
  return text.trim() === '' ? body.trim() : text;
}

const ATTRIBUTION = [
  /^On\b.{0,300}\bwrote:\s*$/i, // Gmail, Apple Mail, Thunderbird
  /^Le\b.{0,300}\ba écrit\s*:\s*$/i,
  /^Am\b.{0,300}\bschrieb\b.{0,300}:\s*$/i,
  /^El\b.{0,300}\bescribió:\s*$/i,
];

function startsQuotedHistory(lines: string[], i: number): boolean {
  const line = lines[i].trim();
  if (/^-{2,}\s*(Original Message|Forwarded message)\s*-{2,}$/i.test(line)) return true;
  if (ATTRIBUTION.some((p) => p.test(line))) return true;
  // Attributions wrapped over two lines ("On Mon, 3 Jun 2024, Support <\nsupport@x.com> wrote:").
  if (/^(On|Le|Am|El)\b/.test(line) && i + 1 < lines.length && ATTRIBUTION.some((p) => p.test(`${line} ${lines[i + 1].trim()}`))) return true;
  // Outlook: a rule or a "From:" header block with Sent/Date close below it.
  if (/^_{10,}$/.test(line) && /^From:/i.test(lines[i + 1]?.trim() ?? '')) return true;
  if (/^From:\s*\S/i.test(line) && lines.slice(i + 1, i + 5).some((l) => /^(Sent|Date):\s*\S/i.test(l.trim()))) return true;
  return false;
}

/** Drops a block of "> " lines at the end (and the blank lines around it); quotes interleaved with answers stay. */
function dropTrailingQuote(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && (lines[end - 1].trim() === '' || /^\s*>/.test(lines[end - 1]))) end--;
  return lines.slice(0, end);
}

function dropSignature(lines: string[]): string[] {
  // RFC 3676 signature separator ("-- "), often sent without its trailing space.
  const separator = lines.findIndex((l) => l === '-- ' || l === '--');
  let kept = separator >= 0 ? lines.slice(0, separator) : lines;
  while (kept.length > 0 && (kept[kept.length - 1].trim() === '' || isDeviceSignature(kept[kept.length - 1]))) kept = kept.slice(0, -1);
  return kept;
}

function isDeviceSignature(line: string): boolean {
  return /^(Sent from my \w[\w ]{0,30}|Sent from (Mail|Outlook) for \w+|Get Outlook for \w+)\.?$/i.test(line.trim());
}
