import { InvalidInputError } from '@inbox/contracts';

const MAX_ADDRESSES = 20;
const MAX_LENGTH = 320;

/**
 * Addresses an agent typed for Cc or Bcc, checked one by one (length first,
 * so the pattern never runs on long input) and lowercased, each once.
 */
export function emailAddressList(field: 'cc' | 'bcc', values: readonly string[] | undefined): string[] {
  if (!values?.length) return [];
  if (values.length > MAX_ADDRESSES) throw new InvalidInputError(`too_many_${field}`, `A reply may have at most ${MAX_ADDRESSES} ${field.toUpperCase()} addresses`);
  const seen = new Set<string>();
  for (const raw of values) {
    const address = String(raw).trim().toLowerCase();
    if (!address) continue;
    if (address.length > MAX_LENGTH || !/^[^@\s<>,;"]+@[^@\s<>,;"]+\.[^@\s<>,;".]+$/.test(address)) {
      throw new InvalidInputError(`invalid_${field}`, `${field.toUpperCase()} has an address that is not an email address: ${address.slice(0, 80)}`);
    }
    seen.add(address);
  }
  return [...seen];
}
