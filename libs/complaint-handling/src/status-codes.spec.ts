import { createHash } from 'node:crypto';
import { maskLegacyCode } from '../../platform/src/database/migrations/1732400000001-status-codes-keyed';
import { STATUS_CODE_MASK, StatusCodes } from './status-codes';

const KEY = 'k'.repeat(40);

describe('StatusCodes', () => {
  const codes = new StatusCodes(KEY);

  it('keeps a keyed hash that another key does not reproduce, and matches the code however it is typed', () => {
    const code = codes.newCode();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    const stored = codes.storedHash('C-000001', code);
    expect(stored).toMatch(/^hmac1:[0-9a-f]{64}$/);
    expect(new StatusCodes('x'.repeat(40)).storedHash('C-000001', code)).not.toBe(stored);
    expect(codes.matches('C-000001', code.toLowerCase().replace('-', ' '), stored)).toBe(true);
    expect(codes.matches('C-000002', code, stored)).toBe(false);
    expect(codes.matches('C-000001', 'AAAA-BBBB', stored)).toBe(false);
    expect(codes.matches('C-000001', code, null)).toBe(false);
  });

  it('checks a code against an earlier unkeyed hash, and keys it once', () => {
    const legacy = createHash('sha256').update('C-000003:K7PQM2XW').digest('hex');
    expect(codes.matches('C-000003', 'K7PQ-M2XW', legacy)).toBe(true);
    const upgraded = codes.upgrade(legacy);
    expect(upgraded).toBe(codes.storedHash('C-000003', 'K7PQ-M2XW'));
    expect(codes.upgrade(upgraded)).toBe(upgraded);
  });

  it('masks the code in a text, and the migration masks only the code the stored hash belongs to', () => {
    expect(StatusCodes.mask('enter the code K7PQ-M2XW now', 'K7PQ-M2XW')).toBe(`enter the code ${STATUS_CODE_MASK} now`);
    const legacy = createHash('sha256').update('C-000003:K7PQM2XW').digest('hex');
    expect(maskLegacyCode('Ref ABCD-EFGH, code K7PQ-M2XW.', 'C-000003', legacy)).toBe(`Ref ABCD-EFGH, code ${STATUS_CODE_MASK}.`);
  });

  it('refuses a short key', () => {
    expect(() => new StatusCodes('short')).toThrow();
  });
});
