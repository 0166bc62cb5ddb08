import { DomainError } from './errors';
import {
  checkFieldCondition,
  fieldConditionFromParam,
  fieldValueFor,
  isCalendarDate,
  listOptions,
  matchesFieldConditions,
  type CustomFieldDefinition,
} from './custom-fields';

const field = (kind: CustomFieldDefinition['kind'], extra: Partial<CustomFieldDefinition> = {}): CustomFieldDefinition => ({
  id: `${kind}-id`,
  key: kind,
  label: `The ${kind}`,
  kind,
  appliesTo: 'case',
  options: kind === 'list' ? ['Home loan', 'Credit card'] : [],
  help: null,
  archivedAt: null,
  ...extra,
});

/** The error a call throws, as the HTTP edge would answer it (code and message). */
function refusal(call: () => unknown): { code: string; message: string } {
  try {
    call();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('fieldValueFor', () => {
  it('keeps text trimmed, up to 500 characters', () => {
    expect(fieldValueFor(field('text'), '  rang twice  ')).toBe('rang twice');
    expect(fieldValueFor(field('text'), 'x'.repeat(500))).toHaveLength(500);
    expect(refusal(() => fieldValueFor(field('text'), 'x'.repeat(501)))).toEqual({ code: 'field_value_too_long', message: 'The text may hold at most 500 characters' });
    expect(refusal(() => fieldValueFor(field('text'), '   ')).code).toBe('field_value_empty');
    expect(refusal(() => fieldValueFor(field('text'), 42)).code).toBe('field_value_not_text');
  });

  it('takes finite numbers, also written as text, and refuses the rest', () => {
    expect(fieldValueFor(field('number'), ' 1250.50 ')).toBe(1250.5);
    expect(fieldValueFor(field('number'), -3)).toBe(-3);
    for (const bad of ['', 'lots', 'Infinity', Number.NaN, Number.POSITIVE_INFINITY, '1e999', null, true]) {
      expect(refusal(() => fieldValueFor(field('number'), bad))).toEqual({ code: 'field_value_not_number', message: 'The number takes a number' });
    }
  });

  it('takes dates written YYYY-MM-DD that are days of the calendar', () => {
    expect(fieldValueFor(field('date'), '2028-02-29')).toBe('2028-02-29');
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-5', '05/01/2026', '2026-01-05T10:00:00Z', 20260105]) {
      expect(refusal(() => fieldValueFor(field('date'), bad))).toEqual({ code: 'field_value_not_date', message: 'The date takes a date written YYYY-MM-DD' });
    }
    expect(isCalendarDate('2026-04-31')).toBe(false);
  });

  it('takes one of a list’s options, exactly as written, and names them when refusing', () => {
    expect(fieldValueFor(field('list'), ' Home loan ')).toBe('Home loan');
    expect(refusal(() => fieldValueFor(field('list'), 'home loan'))).toEqual({ code: 'field_value_not_an_option', message: 'The list takes one of: Home loan, Credit card' });
  });
});

describe('listOptions', () => {
  it('drops blanks and repeats, and needs at least one option', () => {
    expect(listOptions([' Web ', '', 'Branch', 'Web', 'Call  centre'])).toEqual(['Web', 'Branch', 'Call centre']);
    expect(refusal(() => listOptions(['', ' '])).code).toBe('list_needs_options');
    expect(refusal(() => listOptions(['x'.repeat(81)])).code).toBe('option_too_long');
  });
});

describe('field conditions', () => {
  const values = { 'list-id': 'Home loan', 'number-id': 1250.5, 'date-id': '2026-03-31', 'text-id': 'Rang twice' };

  it('keeps values equal without regard to case, and ranges inclusive at both ends', () => {
    expect(matchesFieldConditions(values, [{ fieldId: 'list-id', equals: 'home LOAN' }])).toBe(true);
    expect(matchesFieldConditions(values, [{ fieldId: 'number-id', min: 1250.5, max: 1250.5 }])).toBe(true);
    expect(matchesFieldConditions(values, [{ fieldId: 'number-id', min: 200 }, { fieldId: 'date-id', max: '2026-03-31' }])).toBe(true);
    expect(matchesFieldConditions(values, [{ fieldId: 'number-id', max: 1000 }])).toBe(false);
    expect(matchesFieldConditions(values, [{ fieldId: 'date-id', min: '2026-04-01' }])).toBe(false);
    // Numbers compare as numbers: 9 is below 1250.5 although "9" sorts after "1250.5".
    expect(matchesFieldConditions({ 'number-id': 9 }, [{ fieldId: 'number-id', max: 1000 }])).toBe(true);
  });

  it('drops a case without a value for a condition’s field, and keeps everything without conditions', () => {
    expect(matchesFieldConditions({}, [{ fieldId: 'list-id', equals: 'Home loan' }])).toBe(false);
    expect(matchesFieldConditions(undefined, undefined)).toBe(true);
  });

  it('checks a condition against its field’s kind', () => {
    expect(checkFieldCondition(field('number'), { fieldId: 'x', min: '100', equals: undefined } as never)).toEqual({ fieldId: 'number-id', min: 100 });
    expect(refusal(() => checkFieldCondition(field('number'), { fieldId: 'x', equals: '3' })).code).toBe('condition_needs_range');
    expect(refusal(() => checkFieldCondition(field('list'), { fieldId: 'x', min: 3 })).code).toBe('condition_needs_value');
    expect(refusal(() => checkFieldCondition(field('date'), { fieldId: 'x', min: '2026-02-30' })).code).toBe('field_value_not_date');
    expect(refusal(() => checkFieldCondition(field('date'), { fieldId: 'x' })).code).toBe('condition_empty');
  });

  it('reads a condition from the queue URL: key=value, key=from..to with an end left out, or one exact value', () => {
    const fields = [field('list'), field('number'), field('date')];
    expect(fieldConditionFromParam('list=Credit card', fields)).toEqual({ fieldId: 'list-id', equals: 'Credit card' });
    expect(fieldConditionFromParam('number=100..500', fields)).toEqual({ fieldId: 'number-id', min: 100, max: 500 });
    expect(fieldConditionFromParam('date=..2026-12-31', fields)).toEqual({ fieldId: 'date-id', max: '2026-12-31' });
    expect(fieldConditionFromParam('number=42', fields)).toEqual({ fieldId: 'number-id', min: 42, max: 42 });
    expect(refusal(() => fieldConditionFromParam('colour=red', fields))).toEqual({ code: 'unknown_field', message: 'No case field has the key “colour”' });
    expect(refusal(() => fieldConditionFromParam('number=1..2..3', fields)).code).toBe('condition_not_a_range');
    expect(refusal(() => fieldConditionFromParam('number', fields)).code).toBe('condition_empty');
  });
});
