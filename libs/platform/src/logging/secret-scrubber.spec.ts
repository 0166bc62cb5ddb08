import { adversarialTexts, millisecondsFor, PROMPT_MS } from '../../../../test/support/adversarial-inputs';
import { loadConfig } from '../config/app-config';
import { JsonLogger } from './json-logger';
import { configuredSecrets, rememberSecrets, scrubSecrets } from './secret-scrubber';

const BOT_TOKEN = '7000001:AAE-secret_part_0123456789abcdefghij';

describe('scrubSecrets', () => {
  it.each([
    [`request to https://api.telegram.org/bot${BOT_TOKEN}/sendMessage failed, reason: connect ECONNREFUSED`, 'AAE-secret_part'],
    [`Unauthorized token ${BOT_TOKEN}`, 'AAE-secret_part'],
    ['connect to imaps://complaints%40example.com:hunter2-imap@mail.example.com:993/INBOX failed', 'hunter2-imap'],
    ['postgres://inbox:db-pass-42@db:5432/inbox refused', 'db-pass-42'],
    ['GET https://graph.example/v21.0/me?access_token=EAAG-page-token&fields=id', 'EAAG-page-token'],
    ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig', 'eyJhbGciOiJIUzI1NiJ9'],
    ['sent with Basic QUMxMjM6dG9rZW4=', 'QUMxMjM6dG9rZW4='],
    ['fetch failed; bearer EAAGm0PX4ZCpsBAKZA after retry', 'EAAGm0PX4ZCpsBAKZA'],
    ['X-Twilio-Signature: 0/KCTR6DLpKmkAf8muzZqo1nDgQ=', '0/KCTR6DLpKmkAf8muzZqo1nDgQ='],
    ['x-hub-signature-256=sha256=' + 'ab'.repeat(32), 'ab'.repeat(32)],
    ['{"password":"correct horse","user":"x"}', 'correct horse'],
    ['https://AC123:twilio-auth-token@api.twilio.com/2010-04-01/Accounts', 'twilio-auth-token'],
  ])('takes the secret out of %s', (text, secret) => {
    const scrubbed = scrubSecrets(text);
    expect(scrubbed).not.toContain(secret);
    expect(scrubbed).toContain('[redacted]');
  });

  it('leaves ordinary error texts as they are', () => {
    for (const text of [
      'Telegram could not send the message (403: Forbidden: bot was blocked by the user)',
      'Case C-000123 not found at 10:42:07',
      'timeout after 30000 ms',
      'Basic information about the bearer of the card',
    ]) {
      expect(scrubSecrets(text)).toBe(text);
    }
  });

  it('scrubs every configured secret verbatim, whatever surrounds it', () => {
    const config = loadConfig({ TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 'plain-twilio-secret', TELEGRAM_BOT_TOKEN: BOT_TOKEN, META_APP_SECRET: 'meta-app-secret-9' });
    rememberSecrets(configuredSecrets(config));
    expect(scrubSecrets('twilio said plain-twilio-secret;meta-app-secret-9 was wrong')).toBe('twilio said [redacted];[redacted] was wrong');
  });

  it('is applied to every log line', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('info', {}, (line) => lines.push(line));
    logger.warn({ msg: 'telegram failed', err: `request to http://127.0.0.1:9/bot${BOT_TOKEN}/getUpdates failed`, nested: { list: [`bot${BOT_TOKEN}`] } });
    logger.error(new Error(`fetch https://api.telegram.org/bot${BOT_TOKEN}/x`));
    expect(lines.join('\n')).not.toContain('AAE-secret_part');
    expect(lines.map((l) => JSON.parse(l))).toHaveLength(2);
  });

  it.each(Object.entries(adversarialTexts()))('returns promptly on 1 MB of %s', (_name, text) => {
    expect(millisecondsFor(() => scrubSecrets(text))).toBeLessThan(PROMPT_MS);
  });
});
