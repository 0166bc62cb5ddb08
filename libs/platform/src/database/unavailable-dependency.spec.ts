import { InvalidInputError, UnavailableError } from '@inbox/contracts';
import { isUnavailableDependency } from './unavailable-dependency';

describe('isUnavailableDependency', () => {
  it('recognises a database or network that is down', () => {
    for (const error of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('could not serialize access'), { code: '40001' }),
      new Error('Connection terminated unexpectedly'),
      new UnavailableError('db_down', 'database unavailable'),
    ]) {
      expect(isUnavailableDependency(error)).toBe(true);
    }
  });

  it('takes anything about the record itself as not going to heal', () => {
    for (const error of [
      Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      new InvalidInputError('bad', 'bad input'),
      'a string',
    ]) {
      expect(isUnavailableDependency(error)).toBe(false);
    }
  });
});
