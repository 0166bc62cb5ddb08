import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** The firm's country: its numbers are written the local way, others with their country code. */
const FIRM_REGION = 'AU';

/**
 * A phone number as people write it: an Australian one grouped the local way
 * ("0412 345 678", "(02) 9876 5432"), another country's with its code
 * ("+44 20 7946 0958"). What cannot be read as a number is returned as it is.
 */
export function phoneForPeople(e164: string): string {
  const phone = parsePhoneNumberFromString(e164);
  if (!phone?.isPossible()) return e164;
  return phone.country === FIRM_REGION ? phone.formatNational() : phone.formatInternational();
}
