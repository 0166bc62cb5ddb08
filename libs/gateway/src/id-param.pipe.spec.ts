import { NotFoundError } from '@inbox/contracts';
import { CASE_ID, IdParamPipe, socketCaseId } from './id-param.pipe';

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

describe('socketCaseId', () => {
  it('takes a UUID, and answers a missing or malformed one as the socket handlers answer errors', () => {
    expect(socketCaseId({ caseId: '5f2f26c7-e0e7-4c3f-a40f-3cb688c5c882' })).toEqual({ caseId: '5f2f26c7-e0e7-4c3f-a40f-3cb688c5c882' });
    expect(socketCaseId({})).toEqual({ error: 'invalid_input', message: 'caseId is required' });
    expect(socketCaseId(undefined)).toEqual({ error: 'invalid_input', message: 'caseId is required' });
    expect(socketCaseId({ caseId: 'nope' })).toEqual({ error: 'case_not_found', message: 'No such case' });
  });
});
