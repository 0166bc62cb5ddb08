import shipped from './data/default-templates.json';

/** The messages RG 271 makes us send, each a template per language. */
export const TEMPLATE_KINDS = [
  'acknowledgement',
  'idr_response',
  'delay_notice',
  'status_reply',
  'afca_block',
  'afca_time_limit',
  'afca_time_limit_death_benefit',
  'delay_afca_note',
  'delay_afca_note_death_benefit',
  'hardship_agreement_confirmation',
] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export function isTemplateKind(value: unknown): value is TemplateKind {
  return typeof value === 'string' && (TEMPLATE_KINDS as readonly string[]).includes(value);
}

/** Languages with shipped templates; admins may add others. */
export const SHIPPED_LANGUAGES = ['en', 'ru'] as const;

/**
 * Placeholders a template of each kind must keep: the parts RG 271 requires
 * (RG 271.52 acknowledgement; 271.53–55 IDR response; 271.64–66 delay notice).
 */
export const REQUIRED_PLACEHOLDERS: Record<TemplateKind, readonly string[]> = {
  acknowledgement: ['reference', 'respondBy', 'handler', 'statusKeyword', 'statusUrl', 'statusSecret'],
  idr_response: ['reference', 'outcome', 'reasons', 'afcaBlock'],
  delay_notice: ['reference', 'delayReasons', 'afcaNote', 'afcaBlock'],
  status_reply: ['statuses'],
  // The time limit differs for death benefits, so the block takes it from one of the two afca_time_limit templates.
  afca_block: ['afcaTimeLimit'],
  afca_time_limit: [],
  afca_time_limit_death_benefit: [],
  delay_afca_note: [],
  delay_afca_note_death_benefit: [],
  // RG 271.99: the agreement's terms, confirmed in writing.
  hardship_agreement_confirmation: ['reference', 'terms', 'agreedOn'],
};

/** The AFCA time limit and the delay notice's word on going to AFCA, for a complaint type (RG 271.54, 271.66 Note 1). */
export function afcaTemplateKinds(complaintType: string): { timeLimit: TemplateKind; delayNote: TemplateKind } {
  return complaintType === 'death_benefit'
    ? { timeLimit: 'afca_time_limit_death_benefit', delayNote: 'delay_afca_note_death_benefit' }
    : { timeLimit: 'afca_time_limit', delayNote: 'delay_afca_note' };
}

/** The AFCA block must carry AFCA's contact details wherever it is edited (RG 271.54, 271.66). */
const AFCA_BLOCK_MUST_MENTION: ReadonlyArray<{ part: string; pattern: RegExp }> = [
  { part: 'AFCA website', pattern: /afca\.org\.au/i },
  { part: 'AFCA phone', pattern: /1800\s?931\s?678/ },
  { part: 'AFCA email', pattern: /info@afca\.org\.au/i },
  { part: 'AFCA postal address', pattern: /GPO Box 3/i },
];

/** A delay notice must never suggest the customer has to wait before going to AFCA (RG 271.66). */
const DELAY_NOTICE_MUST_NOT_SAY = /(?<!\bnot\s|n't\s|n’t\s)\b(must|have to|need to|should)\s+wait\b|(?<!не\s)(должны|нужно)\s+(подождать|ждать)/i;

/** …except for a death benefit, where it must not say they need not wait (RG 271.66 Note 1). */
const DEATH_BENEFIT_NOTE_MUST_NOT_SAY = /\b(do not|don't|don’t|need not|needn't)\s+(have to\s+|need to\s+)?wait\b|can\b.{0,40}\bAFCA now|не\s+нужно\s+ждать|не\s+обязаны\s+ждать/i;

/**
 * What each AFCA time limit must state (RG 271.54): in general the earlier of
 * 2 years after the IDR response and 6 years after the complainant became
 * aware of the loss (AFCA's rules); for a death benefit, 28 days.
 */
const TIME_LIMIT_MUST_MENTION: Partial<Record<TemplateKind, ReadonlyArray<{ part: string; pattern: RegExp }>>> = {
  afca_time_limit: [
    { part: '2-year limit after the final response', pattern: /\b2\b|\btwo\b/i },
    { part: '6-year limit after becoming aware of the loss', pattern: /\b6\b|\bsix\b/i },
  ],
  afca_time_limit_death_benefit: [{ part: '28-day limit', pattern: /\b28\b|twenty-eight/i }],
};

export const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9]*)\s*\}\}/g;

export function placeholdersOf(body: string): Set<string> {
  return new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]));
}

/** What a template body lacks or says that it must not: an empty list means it may be saved. */
export function templateProblems(kind: TemplateKind, body: string): string[] {
  const problems: string[] = [];
  if (!body.trim()) return ['the template is empty'];
  const present = placeholdersOf(body);
  for (const name of REQUIRED_PLACEHOLDERS[kind]) if (!present.has(name)) problems.push(`missing the required part {{${name}}}`);
  if (kind === 'afca_block') {
    for (const { part, pattern } of AFCA_BLOCK_MUST_MENTION) if (!pattern.test(body)) problems.push(`missing the ${part}`);
  }
  for (const { part, pattern } of TIME_LIMIT_MUST_MENTION[kind] ?? []) if (!pattern.test(body)) problems.push(`missing the ${part}`);
  if ((kind === 'delay_notice' || kind === 'delay_afca_note') && DELAY_NOTICE_MUST_NOT_SAY.test(body)) {
    problems.push('a delay notice must not suggest the customer has to wait before going to AFCA');
  }
  if ((kind === 'delay_afca_note_death_benefit' || kind === 'afca_time_limit_death_benefit') && DEATH_BENEFIT_NOTE_MUST_NOT_SAY.test(body)) {
    problems.push('for a death benefit, do not say the customer can go to AFCA without waiting (RG 271.66 Note 1)');
  }
  return problems;
}

export class MissingRequiredPartsError extends Error {
  constructor(readonly parts: string[]) {
    super(`Cannot send without: ${parts.join(', ')}`);
    this.name = 'MissingRequiredPartsError';
  }
}

/**
 * Fills `{{name}}` placeholders. A placeholder without a value, or a required
 * part whose value is blank, refuses the whole message rather than sending a
 * response with a hole in it.
 */
export function renderTemplate(kind: TemplateKind, body: string, values: Record<string, string | undefined>): string {
  const missing = new Set<string>();
  for (const name of REQUIRED_PLACEHOLDERS[kind]) if (!values[name]?.trim()) missing.add(name);
  for (const name of placeholdersOf(body)) if (values[name] === undefined) missing.add(name);
  const problems = templateProblems(kind, body).filter((p) => !p.startsWith('missing the required part'));
  for (const name of REQUIRED_PLACEHOLDERS[kind]) if (!placeholdersOf(body).has(name)) missing.add(name);
  if (missing.size > 0 || problems.length > 0) throw new MissingRequiredPartsError([...missing, ...problems]);
  return body.replace(PLACEHOLDER, (_, name: string) => values[name] ?? '');
}

/** The shipped template of a kind in a language, English when the language has none. */
export function shippedTemplate(kind: TemplateKind, language: string): { language: string; body: string } {
  const byLanguage = (shipped.templates as Record<TemplateKind, Record<string, string>>)[kind];
  const body = byLanguage[language];
  return body ? { language, body } : { language: 'en', body: byLanguage.en };
}

export const SHIPPED_TEMPLATES_VERSION: string = shipped.version;
