import { useEffect, useRef, useState } from 'react';
import { formatFirmDateText, parseFirmDateText } from './firm-date-text';

/**
 * A day field in the firm's format (DD/MM/YYYY) in place of a native date
 * input, whose format follows the browser's language. `value` and `onChange`
 * carry YYYY-MM-DD ('' when empty); a day that cannot be read is not passed
 * on and the field says so (its validity message, shown on submit).
 */
export function FirmDateInput({
  value,
  onChange,
  required,
  ...rest
}: {
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  'aria-label'?: string;
}) {
  const [text, setText] = useState(() => formatFirmDateText(value));
  const field = useRef<HTMLInputElement>(null);
  // A value set from outside (a default period, a reset form) replaces what is shown, unless it is what was typed.
  useEffect(() => {
    setText((current) => (parseFirmDateText(current) === value ? current : formatFirmDateText(value)));
  }, [value]);
  const change = (next: string) => {
    setText(next);
    const day = parseFirmDateText(next);
    const empty = next.trim() === '';
    field.current?.setCustomValidity(day || empty ? '' : 'Enter a day as DD/MM/YYYY');
    if (day) onChange(day);
    else if (empty) onChange('');
  };
  return (
    <input
      {...rest}
      ref={field}
      type="text"
      inputMode="text"
      autoComplete="off"
      placeholder="DD/MM/YYYY"
      size={10}
      className="firm-date"
      required={required}
      value={text}
      aria-invalid={text.trim() !== '' && parseFirmDateText(text) === null ? true : undefined}
      onChange={(e) => change(e.target.value)}
      // Shown the firm's way once the field is left, e.g. 5/1/2027 → 05/01/2027.
      onBlur={() => {
        const day = parseFirmDateText(text);
        if (day) setText(formatFirmDateText(day));
      }}
    />
  );
}
