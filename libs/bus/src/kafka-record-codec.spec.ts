import { DEAD_LETTER_HEADERS, decodeKey, decodeValue, encodeDeadLetter, encodeValue, nextOffset } from './kafka-record-codec';

describe('kafka record codec', () => {
  it('round-trips JSON values as UTF-8', () => {
    const value = { text: 'Grüße — ok', n: 3, nested: { list: [1, null] } };
    expect(decodeValue(encodeValue(value))).toEqual({ ok: true, value });
  });

  it('reports a value that is not JSON, or missing, instead of throwing', () => {
    expect(decodeValue(Buffer.from('not json {'))).toEqual({
      ok: false,
      raw: 'not json {',
      reason: expect.stringContaining('not JSON'),
    });
    expect(decodeValue(null)).toEqual({ ok: false, raw: '', reason: 'record has no value' });
  });

  it('reads a missing key as the empty string', () => {
    expect(decodeKey(Buffer.from('sender-1'))).toBe('sender-1');
    expect(decodeKey(null)).toBe('');
  });

  it('commits the offset after the handled one, beyond 2^53', () => {
    expect(nextOffset('0')).toBe('1');
    expect(nextOffset('9007199254740993')).toBe('9007199254740994');
  });

  it('keeps the original key and says where and why in headers and body', () => {
    const letter = {
      topic: 'inbox.inbound.v1',
      key: 'customer-7',
      value: { seq: 2 },
      error: 'InvalidInputError: bad',
      attempts: 1,
      partition: 3,
      offset: '41',
    };
    const record = encodeDeadLetter(letter);
    expect(record.key).toBe('customer-7');
    expect(JSON.parse(record.value.toString('utf8'))).toEqual(letter);
    expect(record.headers).toEqual({
      [DEAD_LETTER_HEADERS.topic]: 'inbox.inbound.v1',
      [DEAD_LETTER_HEADERS.partition]: '3',
      [DEAD_LETTER_HEADERS.offset]: '41',
      [DEAD_LETTER_HEADERS.key]: 'customer-7',
      [DEAD_LETTER_HEADERS.error]: 'InvalidInputError: bad',
      [DEAD_LETTER_HEADERS.attempts]: '1',
    });
  });
});
