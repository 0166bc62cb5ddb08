/**
 * Inputs that make backtracking regular expressions and copy-in-a-loop code
 * quadratic: whitespace runs followed by something that fails, "a@" repeated,
 * deeply nested tags, one endless line. About 1 MB each (the size the
 * provider limits let through), so a quadratic parser takes minutes on them.
 */
export const ONE_MB = 1024 * 1024;

export function adversarialTexts(size = ONE_MB): Record<string, string> {
  const half = Math.floor(size / 2);
  return {
    'spaces then a letter': `a${' '.repeat(size - 2)}b`,
    'trailing spaces': `a${' '.repeat(size - 1)}`,
    'blank lines then a letter': `a${'\n'.repeat(size - 2)}b`,
    'trailing blank lines with spaces': `a\n${' \n'.repeat(half - 1)}`,
    'trailing quote lines': `a\n${'>\n'.repeat(half - 1)}`,
    'trailing device signatures': `a\n${'Sent from my iPhone\n'.repeat(Math.floor(size / 20))}`,
    '"a@" repeated': 'a@'.repeat(half),
    'a…@a…': `${'a'.repeat(half)}@${'a'.repeat(half - 1)}`,
    'a@ then dotted labels': `a@${'a.'.repeat(half - 1)}`,
    'one long line': 'x'.repeat(size),
    'digits': '1'.repeat(size),
    'spaced digits': '1 '.repeat(half),
    'pluses': '+'.repeat(size),
    'dashes': '-'.repeat(size),
    'nested tags': `${'<div>'.repeat(Math.floor(size / 11))}x${'</div>'.repeat(Math.floor(size / 11))}`,
    'unclosed script tags': '<script>'.repeat(Math.floor(size / 8)),
    'unclosed tags': '<a '.repeat(Math.floor(size / 3)),
    'From: lines': 'From: x\n'.repeat(Math.floor(size / 8)),
    'attribution-like lines': `On ${' '.repeat(250)}wrote: x\n`.repeat(Math.floor(size / 262)),
  };
}

/** Generous: a linear parser takes milliseconds on 1 MB; a quadratic one takes minutes. */
export const PROMPT_MS = 1_000;

/**
 * How long `work` takes in milliseconds: the fastest of up to three runs, stopping at the first run under
 * PROMPT_MS. One run can be stalled for seconds by a garbage collection or by the other test workers on a
 * loaded 2-core machine; a quadratic parser is slow every time. The result is discarded and errors count
 * as done.
 */
export function millisecondsFor(work: () => unknown): number {
  let fastest = Infinity;
  for (let attempt = 0; attempt < 3 && fastest >= PROMPT_MS; attempt += 1) {
    const started = performance.now();
    try {
      work();
    } catch {
      // A clear refusal is a fine answer to hostile input; only the time matters here.
    }
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}
