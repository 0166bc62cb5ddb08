import type { CustomFieldDefinition } from '@inbox/contracts';
import { MAX_FIELD_TEXT_LENGTH } from '@inbox/contracts';
import { FirmDateInput } from '../firm-date-input';

/** The input for one field's value, by its kind: text, a number, a day the firm's way, or a choice of the list (`required` unless told: a range's ends may stay open). */
export function FieldValueInput({
  field,
  value,
  onChange,
  autoFocus,
  required = true,
}: {
  field: CustomFieldDefinition;
  value: string;
  onChange: (value: string) => void;
  autoFocus?: boolean;
  required?: boolean;
}) {
  const label = field.label;
  switch (field.kind) {
    case 'date':
      return <FirmDateInput value={value} onChange={onChange} aria-label={label} required={required} />;
    case 'number':
      return <input type="number" step="any" required={required} autoFocus={autoFocus} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} />;
    case 'list':
      return (
        <select required autoFocus={autoFocus} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="" disabled>Choose…</option>
          {/* A value no longer among the options (reworded since) stays shown until it is changed. */}
          {value && !field.options.includes(value) && <option value={value}>{value}</option>}
          {field.options.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      );
    default:
      return <input type="text" required autoFocus={autoFocus} maxLength={MAX_FIELD_TEXT_LENGTH} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} />;
  }
}
