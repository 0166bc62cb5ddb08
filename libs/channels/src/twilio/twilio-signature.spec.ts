import twilio from 'twilio';
import { twilioSignedUrl, verifyTwilioSignature } from './twilio-signature';

const authToken = '12345678901234567890123456789012';
const publicUrl = 'https://inbox.example.com';
const path = '/webhooks/twilio/sms?account=main';
const params = {
  MessageSid: 'SM0123456789abcdef0123456789abcdef',
  From: '+61412345678',
  To: '+61298765432',
  Body: 'My card was charged twice 😡',
};
const signed = twilio.getExpectedTwilioSignature(authToken, `${publicUrl}${path}`, params);

describe('verifyTwilioSignature', () => {
  it('accepts the signature Twilio computes over our public URL, path, query and fields', () => {
    expect(verifyTwilioSignature({ authToken, publicUrl, path, params, signature: signed })).toBe(true);
  });

  it('tolerates a trailing slash on the configured public URL', () => {
    expect(verifyTwilioSignature({ authToken, publicUrl: `${publicUrl}/`, path, params, signature: signed })).toBe(true);
  });

  it('refuses a missing, empty or repeated signature header', () => {
    expect(verifyTwilioSignature({ authToken, publicUrl, path, params, signature: undefined })).toBe(false);
    expect(verifyTwilioSignature({ authToken, publicUrl, path, params, signature: '' })).toBe(false);
    expect(verifyTwilioSignature({ authToken, publicUrl, path, params, signature: [signed, signed] })).toBe(false);
  });

  it('refuses a signature made with another token', () => {
    const other = twilio.getExpectedTwilioSignature('another-token', `${publicUrl}${path}`, params);
    expect(verifyTwilioSignature({ authToken, publicUrl, path, params, signature: other })).toBe(false);
  });

  it('refuses a signature for another URL (host, path or query)', () => {
    expect(verifyTwilioSignature({ authToken, publicUrl: 'https://attacker.example', path, params, signature: signed })).toBe(false);
    expect(verifyTwilioSignature({ authToken, publicUrl, path: '/webhooks/twilio/voice?account=main', params, signature: signed })).toBe(false);
    expect(verifyTwilioSignature({ authToken, publicUrl, path: '/webhooks/twilio/sms', params, signature: signed })).toBe(false);
  });

  it('refuses a tampered, added or removed field', () => {
    expect(verifyTwilioSignature({ authToken, publicUrl, path, params: { ...params, Body: 'All good now' }, signature: signed })).toBe(false);
    expect(verifyTwilioSignature({ authToken, publicUrl, path, params: { ...params, NumMedia: '1' }, signature: signed })).toBe(false);
    const { Body: _removed, ...withoutBody } = params;
    expect(verifyTwilioSignature({ authToken, publicUrl, path, params: withoutBody, signature: signed })).toBe(false);
  });

  it('returns false instead of throwing on a malformed URL', () => {
    expect(verifyTwilioSignature({ authToken, publicUrl: 'not a url', path, params, signature: 'abc' })).toBe(false);
  });

  it('joins the public URL and path with one slash', () => {
    expect(twilioSignedUrl('https://a.example/', '/x?y=1')).toBe('https://a.example/x?y=1');
    expect(twilioSignedUrl('https://a.example', 'x')).toBe('https://a.example/x');
  });
});
