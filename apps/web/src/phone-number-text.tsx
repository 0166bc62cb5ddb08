import type { ClipboardEvent } from 'react';
import { phoneForPeople } from './phone-number';

/**
 * A phone number shown grouped the local way, keeping its E.164 form: in the
 * tooltip, and as what is copied when just the number is selected (ready to
 * paste into a dialler or a search).
 */
export function PhoneNumberText({ e164 }: { e164: string }) {
  const shown = phoneForPeople(e164);
  const copy = (event: ClipboardEvent<HTMLSpanElement>) => {
    if (window.getSelection()?.toString().trim() !== shown) return;
    event.clipboardData.setData('text/plain', e164);
    event.preventDefault();
  };
  return (
    <span className="phone-number" title={e164} data-e164={e164} onCopy={copy}>
      {shown}
    </span>
  );
}
