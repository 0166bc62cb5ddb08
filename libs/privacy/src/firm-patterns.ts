import { RE2JS } from 're2js';
import { InvalidInputError } from '@inbox/contracts';

/** One of the firm's own patterns (REDACT_PATTERNS), compiled for a linear-time engine. */
export interface FirmPattern {
  name: string;
  source: string;
  replaceAll(text: string, replacement: string): { text: string; count: number };
}

const NAME = /^[a-z0-9][a-z0-9 _-]{0,39}$/i;
const MAX_PATTERNS = 50;
const MAX_SOURCE = 500;

/**
 * REDACT_PATTERNS: a JSON object from a name ("member number") to a
 * regular expression in RE2 syntax. RE2 (here its JavaScript port, re2js)
 * matches in time linear in the text, so no pattern the firm writes can stall
 * intake on a hostile message; what RE2 cannot promise — backreferences,
 * lookaround — is refused at start, as is a pattern that matches nothing-at-all.
 */
export function parseFirmPatterns(setting: string | undefined): FirmPattern[] {
  if (setting === undefined || setting.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(setting);
  } catch {
    throw new InvalidInputError('redact_patterns_not_json', 'REDACT_PATTERNS must be a JSON object of name → regular expression, e.g. {"member number":"MBR-[0-9]{8}"}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidInputError('redact_patterns_not_object', 'REDACT_PATTERNS must be a JSON object of name → regular expression');
  }
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length > MAX_PATTERNS) throw new InvalidInputError('redact_patterns_too_many', `REDACT_PATTERNS holds at most ${MAX_PATTERNS} patterns`);
  return entries.map(([name, source]) => compileFirmPattern(name, source));
}

function compileFirmPattern(name: string, source: unknown): FirmPattern {
  if (!NAME.test(name)) throw new InvalidInputError('redact_pattern_name', `REDACT_PATTERNS: "${name.slice(0, 60)}" is not a usable name (letters, digits, spaces, - and _, up to 40)`);
  if (typeof source !== 'string' || source.length === 0 || source.length > MAX_SOURCE) {
    throw new InvalidInputError('redact_pattern_source', `REDACT_PATTERNS: the pattern for "${name}" must be a non-empty string of at most ${MAX_SOURCE} characters`);
  }
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidInputError('redact_pattern_invalid', `REDACT_PATTERNS: the pattern for "${name}" is not valid RE2 syntax (no backreferences or lookaround): ${reason}`);
  }
  if (compiled.matches('')) throw new InvalidInputError('redact_pattern_empty', `REDACT_PATTERNS: the pattern for "${name}" matches the empty text`);
  return {
    name,
    source,
    replaceAll(text, replacement) {
      const matcher = compiled.matcher(text);
      let out = '';
      let from = 0;
      let count = 0;
      while (matcher.find()) {
        const start = matcher.start();
        const end = matcher.end();
        if (end === start) continue;
        out += text.slice(from, start) + replacement;
        from = end;
        count++;
      }
      return count === 0 ? { text, count } : { text: out + text.slice(from), count };
    },
  };
}
