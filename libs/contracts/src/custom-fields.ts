import { InvalidInputError } from './errors';

/** What a custom field holds: free text, a number, a calendar date in the firm's time, or one of a list of options. */
export const CUSTOM_FIELD_KINDS = ['text', 'number', 'date', 'list'] as const;
export type CustomFieldKind = (typeof CUSTOM_FIELD_KINDS)[number];

/** What a custom field is on. */
export const CUSTOM_FIELD_TARGETS = ['case', 'customer'] as const;
export type CustomFieldTarget = (typeof CUSTOM_FIELD_TARGETS)[number];

export const MAX_FIELD_TEXT_LENGTH = 500;
export const MAX_FIELD_LABEL_LENGTH = 60;
export const MAX_FIELD_HELP_LENGTH = 300;
export const MAX_FIELD_OPTIONS = 100;
export const MAX_FIELD_OPTION_LENGTH = 80;
/** A key is how exports and the queue API name a field: lower case, digits and underscores, starting with a letter. */
export const FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** A field an admin defined. An archived field is hidden from forms, and its values are kept for history and exports. */
export interface CustomFieldDefinition {
  id: string;
  key: string;
  label: string;
  kind: CustomFieldKind;
  appliesTo: CustomFieldTarget;
  /** The choices of a `list` field, in the order shown; empty for other kinds. */
  options: string[];
  help: string | null;
  archivedAt: string | null;
}

/** A stored value: text, list and date values are strings (dates `YYYY-MM-DD`), numbers are numbers. */
export type CustomFieldValue = string | number;

/** Field values by field id, as a case summary or a customer carries them. */
export type CustomFieldValues = Record<string, CustomFieldValue>;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * The value a field stores for what an agent entered, or a typed error that
 * says, in the field's own label, what is wrong. Text is trimmed; a date is a
 * day of the firm's calendar (no time, so no time zone moves it).
 */
export function fieldValueFor(field: Pick<CustomFieldDefinition, 'label' | 'kind' | 'options'>, raw: unknown): CustomFieldValue {
  switch (field.kind) {
    case 'text': {
      if (typeof raw !== 'string') throw new InvalidInputError('field_value_not_text', `${field.label} takes text`);
      const text = raw.trim();
      if (!text) throw new InvalidInputError('field_value_empty', `${field.label} needs a value; clear the field instead`);
      if (text.length > MAX_FIELD_TEXT_LENGTH) {
        throw new InvalidInputError('field_value_too_long', `${field.label} may hold at most ${MAX_FIELD_TEXT_LENGTH} characters`);
      }
      return text;
    }
    case 'number': {
      const number = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : Number.NaN;
      if (!Number.isFinite(number)) throw new InvalidInputError('field_value_not_number', `${field.label} takes a number`);
      return number;
    }
    case 'date': {
      const text = typeof raw === 'string' ? raw.trim() : '';
      if (!isCalendarDate(text)) throw new InvalidInputError('field_value_not_date', `${field.label} takes a date written YYYY-MM-DD`);
      return text;
    }
    case 'list': {
      const text = typeof raw === 'string' ? raw.trim() : '';
      if (!field.options.includes(text)) {
        throw new InvalidInputError('field_value_not_an_option', `${field.label} takes one of: ${field.options.join(', ')}`, { options: field.options });
      }
      return text;
    }
    default: {
      const kind: never = field.kind;
      throw new InvalidInputError('unknown_field_kind', `No field kind ${String(kind)}`);
    }
  }
}

/** A list field's options as an admin typed them: trimmed, blanks and repeats dropped, each at most MAX_FIELD_OPTION_LENGTH. */
export function listOptions(raw: readonly string[]): string[] {
  const options = [...new Set(raw.map((o) => o.replace(/\s+/g, ' ').trim()).filter(Boolean))];
  if (options.length === 0) throw new InvalidInputError('list_needs_options', 'A list field needs at least one option');
  if (options.length > MAX_FIELD_OPTIONS) throw new InvalidInputError('too_many_options', `A list field takes at most ${MAX_FIELD_OPTIONS} options`);
  const long = options.find((o) => o.length > MAX_FIELD_OPTION_LENGTH);
  if (long) throw new InvalidInputError('option_too_long', `An option may have at most ${MAX_FIELD_OPTION_LENGTH} characters`);
  return options;
}

/**
 * A queue condition on one field: `equals` for text and list fields (text
 * without regard to case), an inclusive range (`min`, `max`, either open) for
 * number and date fields.
 */
export type FieldCondition = { fieldId: string; equals: string } | { fieldId: string; min?: CustomFieldValue; max?: CustomFieldValue };

/** An equality condition (a DTO may carry `equals: undefined` beside a range, so the value decides, not the key). */
export function isEqualsCondition(condition: FieldCondition): condition is { fieldId: string; equals: string } {
  return typeof (condition as { equals?: unknown }).equals === 'string';
}

/** Whether a case's (or customer's) values meet every condition; a case without a value for a condition's field does not. */
export function matchesFieldConditions(values: CustomFieldValues | undefined, conditions: readonly FieldCondition[] | undefined): boolean {
  for (const condition of conditions ?? []) {
    const value = values?.[condition.fieldId];
    if (value === undefined) return false;
    if (isEqualsCondition(condition)) {
      if (String(value).toLowerCase() !== condition.equals.trim().toLowerCase()) return false;
      continue;
    }
    if (condition.min !== undefined && compare(value, condition.min) < 0) return false;
    if (condition.max !== undefined && compare(value, condition.max) > 0) return false;
  }
  return true;
}

// Numbers compare as numbers; dates as their YYYY-MM-DD text, which sorts as the calendar does.
function compare(a: CustomFieldValue, b: CustomFieldValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** A condition checked against its field: equals only on text and list fields, ranges only on number and date fields, with valid bounds. */
export function checkFieldCondition(field: CustomFieldDefinition, condition: FieldCondition): FieldCondition {
  if (isEqualsCondition(condition)) {
    if (field.kind !== 'text' && field.kind !== 'list') {
      throw new InvalidInputError('condition_needs_range', `${field.label} is filtered by a range (from, to), not by one value`);
    }
    const equals = condition.equals.trim();
    if (!equals) throw new InvalidInputError('condition_empty', `Say which ${field.label} to keep`);
    return { fieldId: field.id, equals };
  }
  if (field.kind !== 'number' && field.kind !== 'date') {
    throw new InvalidInputError('condition_needs_value', `${field.label} is filtered by one value, not by a range`);
  }
  if (condition.min === undefined && condition.max === undefined) throw new InvalidInputError('condition_empty', `Give ${field.label} a from or a to`);
  const bound = (v: CustomFieldValue | undefined) => (v === undefined ? undefined : fieldValueFor(field, v));
  const min = bound(condition.min);
  const max = bound(condition.max);
  return { fieldId: field.id, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

/** A value as a person reads it (numbers without trailing zeros, dates as written). */
export function fieldValueText(value: CustomFieldValue | undefined | null): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'number' ? String(value) : value;
}

/**
 * A queue condition written in a URL (`field=product=Home loan`,
 * `field=amount=100..500`, `field=due=..2026-12-31`): the field's key, `=`,
 * then a value, or for number and date fields a range `from..to` with either
 * end left out (a single value means exactly that value).
 */
export function fieldConditionFromParam(param: string, fields: readonly CustomFieldDefinition[]): FieldCondition {
  const at = param.indexOf('=');
  const key = (at < 0 ? param : param.slice(0, at)).trim();
  const field = fields.find((f) => f.key === key);
  if (!field) throw new InvalidInputError('unknown_field', `No case field has the key “${key.slice(0, 40)}”`);
  if (at < 0) throw new InvalidInputError('condition_empty', `Write the condition on ${field.label} as ${key}=value`);
  const text = param.slice(at + 1);
  if (field.kind === 'text' || field.kind === 'list') return checkFieldCondition(field, { fieldId: field.id, equals: text });
  const range = text.split('..');
  if (range.length > 2) throw new InvalidInputError('condition_not_a_range', `Write a range of ${field.label} as from..to`);
  const [from, to] = range.length === 2 ? range : [text, text];
  const bound = (v: string) => (v.trim() === '' ? undefined : v.trim());
  return checkFieldCondition(field, { fieldId: field.id, min: bound(from), max: bound(to) });
}
