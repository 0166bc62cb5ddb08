import { describe, expect, it } from '@jest/globals';
import { phoneForPeople } from './phone-number';

describe('phone numbers as people write them', () => {
  it('groups the firm’s (Australian) numbers the local way', () => {
    expect(phoneForPeople('+61412345678')).toBe('0412 345 678');
    expect(phoneForPeople('+61298765432')).toBe('(02) 9876 5432');
  });

  it('keeps another country’s code, grouped', () => {
    expect(phoneForPeople('+442079460958')).toBe('+44 20 7946 0958');
  });

  it('returns what is not a number as it is', () => {
    expect(phoneForPeople('kim@example.com')).toBe('kim@example.com');
    expect(phoneForPeople('+1')).toBe('+1');
  });
});
