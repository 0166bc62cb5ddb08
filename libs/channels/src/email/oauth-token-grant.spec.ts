import { renewalTime } from './mail-access-token.source';
import { describeTokenFailure, TokenEndpointUnavailableError, TokenRefusedError } from './oauth-token-grant';

describe('OAuth2 token answers', () => {
  it('keeps the provider’s words of a refusal (Entra ID’s first line, without its trace lines)', () => {
    const boom = {
      isBoom: true,
      output: { statusCode: 401 },
      data: {
        payload: Buffer.from(
          JSON.stringify({
            error: 'invalid_client',
            error_description: "AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 1\r\nCorrelation ID: 2\r\nTimestamp: 2024-01-01 00:00:00Z",
          }),
        ),
      },
    };
    const error = describeTokenFailure('Microsoft Entra ID', boom);
    expect(error).toBeInstanceOf(TokenRefusedError);
    expect(error.message).toBe('Microsoft Entra ID refused the sign-in (401 invalid_client): AADSTS7000215: Invalid client secret provided.');
  });

  it('takes a 5xx or a dropped connection as unavailable (retried), not refused', () => {
    expect(describeTokenFailure('Google', { isBoom: true, output: { statusCode: 503 }, data: {} })).toBeInstanceOf(TokenEndpointUnavailableError);
    expect(describeTokenFailure('Google', new Error('connect ECONNREFUSED 127.0.0.1:1'))).toBeInstanceOf(TokenEndpointUnavailableError);
  });

  it('renews an hour-long token five minutes early, and a short one a quarter of its life early', () => {
    expect(renewalTime({ accessToken: 't', expiresAt: 3_600_000, lifetimeMs: 3_600_000 })).toBe(3_300_000);
    expect(renewalTime({ accessToken: 't', expiresAt: 4_000, lifetimeMs: 4_000 })).toBe(3_000);
  });
});
