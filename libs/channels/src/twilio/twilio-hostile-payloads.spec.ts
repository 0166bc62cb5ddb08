import { adversarialTexts, millisecondsFor, PROMPT_MS } from '../../../../test/support/adversarial-inputs';
import { verifyTwilioSignature } from './twilio-signature';
import { detectOptKeyword, parseTwilioSms } from './twilio-sms.parser';
import { parseTwilioStatusCallback } from './twilio-status.parser';
import { parseRecordingCallback, parseTranscriptionCallback, parseTwilioVoiceCall } from './twilio-voice';

const base = { MessageSid: 'SM1', CallSid: 'CA1', From: '+61412345678', To: '+61299990000', NumMedia: '0', TranscriptionStatus: 'completed' };
const FIELDS = ['Body', 'From', 'To', 'NumMedia', 'MediaUrl0', 'MessageSid', 'FromCountry', 'ProfileName', 'TranscriptionText', 'RecordingUrl', 'ErrorMessage'];

describe('Twilio parsers on hostile 1 MB fields', () => {
  for (const [name, value] of Object.entries(adversarialTexts())) {
    it(`return promptly with ${name} in any field`, () => {
      for (const field of FIELDS) {
        const params: Record<string, string> = { ...base, NumMedia: field === 'MediaUrl0' ? '1' : base.NumMedia, [field]: value };
        const now = new Date();
        expect(
          millisecondsFor(() => {
            for (const parse of [
              () => parseTwilioSms(params, now),
              () => parseTwilioVoiceCall(params, now),
              () => parseTwilioStatusCallback(params),
              () => parseRecordingCallback(params),
              () => parseTranscriptionCallback(params),
              () => detectOptKeyword(params.Body),
              () => verifyTwilioSignature({ authToken: 'token', publicUrl: 'https://inbox.example', path: '/webhooks/twilio/sms', params, signature: value }),
            ]) {
              try {
                parse();
              } catch {
                // refused: fine
              }
            }
          }),
        ).toBeLessThan(PROMPT_MS);
      }
    });
  }
});
