/** What kind of personal data was removed. `custom` is one of the firm's REDACT_PATTERNS, named by `label`. */
export type RedactionKind = 'card_number' | 'card_security_code' | 'tax_file_number' | 'password' | 'custom';

/** Where in an inbound message it was found. */
export type RedactionPlace = 'text' | 'subject' | 'html' | 'attachment_name' | 'sender_name' | 'provider_payload';

/** One kind removed from one place, `count` times: recorded on the message so agents know something was there. */
export interface Redaction {
  kind: RedactionKind;
  label?: string;
  where: RedactionPlace;
  count: number;
}

export const REDACTION_KINDS: readonly RedactionKind[] = ['card_number', 'card_security_code', 'tax_file_number', 'password', 'custom'];

/** What agents read in the timeline ("card number removed"). */
export function describeRedaction(redaction: Pick<Redaction, 'kind' | 'label'>): string {
  switch (redaction.kind) {
    case 'card_number':
      return 'card number removed';
    case 'card_security_code':
      return 'card security code removed';
    case 'tax_file_number':
      return 'tax file number removed';
    case 'password':
      return 'password removed';
    case 'custom':
      return `${redaction.label ?? 'sensitive value'} removed`;
    default: {
      const unknown: never = redaction.kind;
      return `${String(unknown)} removed`;
    }
  }
}
