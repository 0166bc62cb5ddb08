import { closureResponse } from './closure-response';

describe('the IDR response on closing (RG 271.53 Note 3, 271.56)', () => {
  it('is sent for a withdrawn complaint and one taken to AFCA unless a documented reason says none is required', () => {
    expect(closureResponse('withdrawn')).toEqual({ send: true, paragraphs: 'RG 271.53 Note 3, 271.56' });
    expect(closureResponse('escalated_afca')).toMatchObject({ send: true });
    expect(closureResponse('escalated_afca', { reason: 'resolved_at_afca', note: 'AFCA case 12345 closed by agreement on 3 March' })).toEqual({
      send: false,
      paragraphs: 'RG 271.53 Note 3, 271.56',
      record: { reason: 'resolved_at_afca', note: 'AFCA case 12345 closed by agreement on 3 March' },
    });
    expect(closureResponse('withdrawn', { reason: 'withdrawn_by_complainant', note: 'Wrote on 2 May: withdraws, wants no letter' })).toMatchObject({ send: false });
  });
  it('refuses an undocumented reason, or one that does not fit the closure', () => {
    expect(closureResponse('withdrawn', { reason: 'withdrawn_by_complainant', note: 'n/a' })).toMatchObject({ refused: true, code: 'no_response_reason_undocumented' });
    expect(closureResponse('withdrawn', { reason: 'resolved_at_afca', note: 'AFCA closed it after a determination' })).toMatchObject({ refused: true, code: 'invalid_no_response_reason' });
    expect(closureResponse('escalated_afca', { reason: 'bored', note: 'AFCA closed it after a determination' })).toMatchObject({ refused: true, code: 'invalid_no_response_reason' });
  });
  it('always sends it for resolved and unresolved complaints (RG 271.53–55), and never for a 5-day closure (RG 271.71)', () => {
    expect(closureResponse('resolved')).toMatchObject({ send: true });
    expect(closureResponse('unresolved', { reason: 'other', note: 'we would rather not write back' })).toMatchObject({ refused: true, code: 'idr_response_required' });
    expect(closureResponse('closed_within_5_days')).toMatchObject({ send: false, record: null });
  });
});
