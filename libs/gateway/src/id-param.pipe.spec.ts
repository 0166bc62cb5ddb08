import { NotFoundError } from '@inbox/contracts';
import { CASE_ID, IdParamPipe } from './id-param.pipe';

describe('IdParamPipe', () => {
  it('passes a UUID through unchanged', () => {
    expect(CASE_ID.transform('5F2F26C7-E0E7-4C3F-A40F-3CB688C5C882')).toBe('5F2F26C7-E0E7-4C3F-A40F-3CB688C5C882');
  });

  it('answers anything else as the missing resource, with its own code', () => {
    const pipe = new IdParamPipe('override_not_found', 'No such override');
    for (const value of ['', 'nope', '5f2f26c7-e0e7-4c3f-a40f-3cb688c5c88', "5f2f26c7-e0e7-4c3f-a40f-3cb688c5c882' OR 1=1"]) {
      try {
        pipe.transform(value);
        throw new Error(`accepted ${JSON.stringify(value)}`);
      } catch (error) {
        expect(error).toBeInstanceOf(NotFoundError);
        expect(error).toMatchObject({ code: 'override_not_found', message: 'No such override' });
      }
    }
  });
});
