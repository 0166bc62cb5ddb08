import { InvalidInputError, UnavailableError } from '@inbox/contracts';
import { graphError } from './graph-api.client';

describe('graphError', () => {
  it('makes a permanent refusal an InvalidInputError that quotes Meta', () => {
    const error = graphError(400, { error: { message: '(#10) This message is sent outside of allowed window.', type: 'OAuthException', code: 10, error_subcode: 2018278 } }, 'send the message');
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.code).toBe('meta_10');
    expect(error.message).toBe('Meta could not send the message (HTTP 400, error 10/2018278): (#10) This message is sent outside of allowed window.');
    expect(error.retryable).toBe(false);
  });

  it('prefers error_data.details, which says more', () => {
    const error = graphError(400, { error: { message: '(#131009) Parameter value is not valid', code: 131009, error_data: { messaging_product: 'whatsapp', details: 'to must be a phone number' } } }, 'send');
    expect(error.message).toContain(': to must be a phone number');
  });

  it('makes throttling, 5xx and transient codes retryable', () => {
    expect(graphError(500, { error: { message: 'x', code: 2 } }, 'send')).toBeInstanceOf(UnavailableError);
    expect(graphError(400, { error: { message: 'Application request limit reached', code: 4 } }, 'send')).toBeInstanceOf(UnavailableError);
    expect(graphError(400, { error: { message: 'Rate limit hit', code: 130429 } }, 'send')).toBeInstanceOf(UnavailableError);
    expect(graphError(400, { error: { message: 'x', code: 999, is_transient: true } }, 'send')).toBeInstanceOf(UnavailableError);
    expect(graphError(503, undefined, 'send').code).toBe('meta_http_503');
  });

  it('treats an expired token as permanent: retrying cannot fix it', () => {
    const error = graphError(400, { error: { message: 'Error validating access token', type: 'OAuthException', code: 190 } }, 'send');
    expect(error).toBeInstanceOf(InvalidInputError);
  });
});
