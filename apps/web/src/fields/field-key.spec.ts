import { describe, expect, it } from '@jest/globals';
import { keyFromLabel } from './field-key';

describe('keyFromLabel', () => {
  it('makes a key agents’ exports can use from what the admin types as the label', () => {
    expect(keyFromLabel('Product line')).toBe('product_line');
    expect(keyFromLabel('  Amount ($) disputed ')).toBe('amount_disputed');
    expect(keyFromLabel('2nd contact')).toBe('nd_contact');
  });
});
