import { InvalidInputError } from '@inbox/contracts';
import {
  emptyMessagingTwiml,
  parseRecordingCallback,
  parseTranscriptionCallback,
  parseTwilioVoiceCall,
  sayTwiml,
  voiceGreetingTwiml,
} from './twilio-voice';

const receivedAt = new Date('2025-03-04T05:06:07.000Z');

describe('voiceGreetingTwiml', () => {
  const twiml = voiceGreetingTwiml({
    greeting: 'Thanks for calling. Tell us what went wrong & we will help.',
    language: 'en-AU',
    recordingStatusCallback: 'https://inbox.example.com/webhooks/twilio/recording?a=1&b=2',
    transcribeCallback: 'https://inbox.example.com/webhooks/twilio/transcription',
    maxLengthSeconds: 300,
    actionUrl: 'https://inbox.example.com/webhooks/twilio/recorded',
  });

  it('says the greeting in the language, then records with transcription and both callbacks', () => {
    expect(twiml.startsWith('<?xml version="1.0" encoding="UTF-8"?><Response>')).toBe(true);
    expect(twiml).toContain('<Say language="en-AU">Thanks for calling. Tell us what went wrong &amp; we will help.</Say>');
    expect(twiml).toContain('transcribe="true"');
    expect(twiml).toContain('transcribeCallback="https://inbox.example.com/webhooks/twilio/transcription"');
    expect(twiml).toContain('recordingStatusCallback="https://inbox.example.com/webhooks/twilio/recording?a=1&amp;b=2"');
    expect(twiml).toContain('maxLength="300"');
    expect(twiml).toContain('playBeep="true"');
    expect(twiml).toContain('action="https://inbox.example.com/webhooks/twilio/recorded"');
    expect(twiml.indexOf('<Say')).toBeLessThan(twiml.indexOf('<Record'));
  });

  it('refuses a nonsensical maximum length', () => {
    expect(() =>
      voiceGreetingTwiml({ greeting: 'Hi', language: 'en-AU', recordingStatusCallback: 'x', transcribeCallback: 'y', maxLengthSeconds: 0 }),
    ).toThrow(InvalidInputError);
  });
});

describe('sayTwiml / emptyMessagingTwiml', () => {
  it('reads a text in a language and hangs up', () => {
    expect(sayTwiml('Ваш запрос решён <успешно>', 'ru-RU')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Say language="ru-RU">Ваш запрос решён &lt;успешно&gt;</Say><Hangup/></Response>',
    );
  });

  it('answers a messaging webhook with an empty response', () => {
    expect(emptyMessagingTwiml()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
  });
});

describe('parseTwilioVoiceCall', () => {
  const call = {
    CallSid: 'CA0123456789abcdef0123456789abcdef',
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    From: '+61412345678',
    To: '+61298765432',
    CallStatus: 'ringing',
    Direction: 'inbound',
    CallerName: 'JANE DOE',
    FromCountry: 'AU',
    ToCountry: 'AU',
  };

  it('turns an incoming call into a voice message awaiting its transcription', () => {
    expect(parseTwilioVoiceCall(call, receivedAt)).toEqual({
      channel: 'voice',
      account: '+61298765432',
      externalId: 'CA0123456789abcdef0123456789abcdef',
      sender: { address: '+61412345678', displayName: 'JANE DOE' },
      text: '',
      receivedAt: '2025-03-04T05:06:07.000Z',
      raw: call,
    });
  });

  it('refuses a call without CallSid and names a withheld caller', () => {
    const { CallSid: _c, ...noSid } = call;
    expect(() => parseTwilioVoiceCall(noSid, receivedAt)).toThrow(InvalidInputError);
    for (const from of ['anonymous', '+266696687']) {
      expect(() => parseTwilioVoiceCall({ ...call, From: from }, receivedAt)).toThrow(
        expect.objectContaining({ code: 'twilio_caller_withheld' }),
      );
    }
  });
});

describe('recording and transcription callbacks', () => {
  it('reads a completed recording', () => {
    expect(
      parseRecordingCallback({
        AccountSid: 'AC1',
        CallSid: 'CA1',
        RecordingSid: 'RE1',
        RecordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1',
        RecordingStatus: 'completed',
        RecordingDuration: '42',
        RecordingChannels: '1',
      }),
    ).toEqual({
      callSid: 'CA1',
      recordingSid: 'RE1',
      recordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1',
      durationSeconds: 42,
      status: 'completed',
    });
  });

  it('reads the <Record action> request, which has no RecordingStatus', () => {
    expect(parseRecordingCallback({ CallSid: 'CA1', RecordingUrl: 'https://x/RE1', RecordingDuration: '3' }).status).toBe('completed');
    expect(parseRecordingCallback({ CallSid: 'CA1' }).status).toBe('absent');
  });

  it('reads a transcription', () => {
    expect(
      parseTranscriptionCallback({
        CallSid: 'CA1',
        RecordingSid: 'RE1',
        RecordingUrl: 'https://x/RE1',
        TranscriptionSid: 'TR1',
        TranscriptionStatus: 'completed',
        TranscriptionText: 'My card was charged twice.',
      }),
    ).toEqual({ callSid: 'CA1', recordingSid: 'RE1', recordingUrl: 'https://x/RE1', transcriptionText: 'My card was charged twice.', status: 'completed' });
    expect(parseTranscriptionCallback({ CallSid: 'CA1', TranscriptionStatus: 'failed' })).toEqual({ callSid: 'CA1', status: 'failed' });
  });

  it('refuses a callback without CallSid', () => {
    expect(() => parseRecordingCallback({ RecordingUrl: 'x' })).toThrow(InvalidInputError);
    expect(() => parseTranscriptionCallback({ TranscriptionStatus: 'completed' })).toThrow(InvalidInputError);
  });
});
