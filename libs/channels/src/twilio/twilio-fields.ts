import { DomainError, InvalidInputError, normalizePhone } from '@inbox/contracts';

/** Twilio's webhook form fields, as the body parser hands them over. */
export type TwilioParams = Readonly<Record<string, string | undefined>>;

/** Options shared by the Twilio parsers. */
export interface TwilioParseOptions {
  /** Region for a number Twilio sent without a country code (rare: Twilio sends E.164). Default 'AU'. */
  defaultRegion?: string;
}

export const DEFAULT_PHONE_REGION = 'AU';

/** A field's value, or undefined when absent or blank. */
export function optionalField(params: TwilioParams, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function requiredField(params: TwilioParams, name: string, what: string): string {
  const value = optionalField(params, name);
  if (value === undefined) {
    throw new InvalidInputError(`twilio_missing_${name.toLowerCase()}`, `The Twilio ${what} has no ${name}`);
  }
  return value;
}

/**
 * E.164 for a Twilio address. Twilio's own country hint (FromCountry / ToCountry)
 * beats our default region for the odd number sent without a country code.
 */
export function twilioPhone(
  raw: string,
  field: string,
  countryHint: string | undefined,
  options: TwilioParseOptions | undefined,
): string {
  const region = countryHint && /^[A-Za-z]{2}$/.test(countryHint) ? countryHint.toUpperCase() : options?.defaultRegion;
  try {
    return normalizePhone(raw, region ?? DEFAULT_PHONE_REGION);
  } catch (error) {
    if (error instanceof DomainError) {
      throw new InvalidInputError(
        `twilio_invalid_${field.toLowerCase()}`,
        `The Twilio ${field} "${raw}" is not a possible phone number`,
      );
    }
    throw error;
  }
}

/**
 * Our number the message or call reached. A short code (3–8 digits, no "+")
 * is an account too but no E.164 number, so it is kept as given.
 */
export function twilioAccount(raw: string, countryHint: string | undefined, options: TwilioParseOptions | undefined): string {
  const bare = raw.replace(/^whatsapp:/i, '').trim();
  if (/^\d{3,8}$/.test(bare)) return bare;
  return twilioPhone(raw, 'To', countryHint, options);
}

/** ISO 8601 from the caller's clock; an invalid Date is a programming error worth naming. */
export function isoTime(receivedAt: Date): string {
  if (Number.isNaN(receivedAt.getTime())) {
    throw new InvalidInputError('twilio_invalid_received_at', 'receivedAt is not a valid date');
  }
  return receivedAt.toISOString();
}

/** A non-negative integer field such as RecordingDuration, or undefined. */
export function optionalCount(params: TwilioParams, name: string): number | undefined {
  const value = optionalField(params, name);
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number.parseInt(value, 10);
}
