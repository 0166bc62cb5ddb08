import { luhnValid, tfnValid } from './checksums';
import { redactText } from './text-redactor';
import { parseFirmPatterns } from './firm-patterns';
import { redactInboundMessage } from './inbound-redactor';

const VISA = '4111111111111111';
const AMEX = '378282246310005';
const DISCOVER_19 = '6011000990139424'; // 16 digits
const TFN = '123456782';

describe('checksums', () => {
  it('accepts Luhn-valid card numbers and ATO-valid tax file numbers only', () => {
    expect(luhnValid(VISA)).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(tfnValid(TFN)).toBe(true);
    expect(tfnValid('123456789')).toBe(false);
  });
});

describe('redactText', () => {
  it.each([
    ['plain', `my card is ${VISA} thanks`, 'my card is 411111******1111 thanks'],
    ['spaced', 'card 4111 1111 1111 1111.', 'card 4111 11** **** 1111.'],
    ['dashed', '4111-1111-1111-1111', '4111-11**-****-1111'],
    ['amex', `amex ${AMEX}`, 'amex 378282*****0005'],
  ])('masks a %s card number keeping the first six and last four digits', (_name, input, expected) => {
    const result = redactText(input);
    expect(result.text).toBe(expected);
    expect(result.found).toEqual([{ kind: 'card_number' }]);
  });

  it('leaves numbers that fail the Luhn check, phone numbers and short references alone', () => {
    const input = 'ref 4111111111111112, call 0412 345 678 or +61 2 9876 5432, order 12345678';
    expect(redactText(input)).toEqual({ text: input, found: [] });
  });

  it('masks a security code given beside the card number, named or bare', () => {
    expect(redactText(`${DISCOVER_19} exp 12/27 cvv 123`).text).toBe('601100******9424 exp 12/27 cvv ***');
    expect(redactText('4111 1111 1111 1111 321 is my card').text).toBe('4111 11** **** 1111 *** is my card');
    expect(redactText('4111 1111 1111 1111 321').found.map((f) => f.kind)).toEqual(['card_number', 'card_security_code']);
  });

  it('removes checksum-valid tax file numbers, grouped or not', () => {
    expect(redactText(`my TFN is ${TFN}`).text).toBe('my TFN is [tax file number removed]');
    expect(redactText('TFN 123 456 782').text).toBe('TFN [tax file number removed]');
    expect(redactText('account 123456789').found).toEqual([]);
  });

  it('removes a password written after "password:" and the like, not a complaint about one', () => {
    expect(redactText('Password: hunter2!').text).toBe('Password: [password removed]');
    expect(redactText('my password is Tr0ub4dor').text).toBe('my password is [password removed]');
    expect(redactText('pin=4821 please').text).toBe('pin=[password removed] please');
    expect(redactText('my password is wrong').found).toEqual([]);
  });

  it('is stable: redacting twice changes nothing more', () => {
    const once = redactText(`card ${VISA} cvv 123, TFN ${TFN}, password: x1`).text;
    expect(redactText(once)).toEqual({ text: once, found: [] });
  });

  it('takes linear time on a megabyte of hostile digits and separators', () => {
    for (const hostile of ['1 '.repeat(500_000), '4'.repeat(1_000_000), '12-'.repeat(330_000), 'password:' + ' '.repeat(1_000_000)]) {
      const started = Date.now();
      redactText(hostile);
      // About a second per megabyte here; a quadratic scan takes minutes.
      expect(Date.now() - started).toBeLessThan(6_000);
    }
  });
});

describe('REDACT_PATTERNS', () => {
  it('adds the firm\'s own patterns, named in what was found', () => {
    const patterns = parseFirmPatterns('{"member number":"MBR-[0-9]{8}"}');
    expect(redactText('member MBR-12345678 here', patterns)).toEqual({ text: 'member [member number removed] here', found: [{ kind: 'custom', label: 'member number' }] });
  });

  it.each([
    ['not JSON', 'MBR-\\d+', 'redact_patterns_not_json'],
    ['a list', '["a"]', 'redact_patterns_not_object'],
    ['a backreference', '{"x":"(a)\\\\1"}', 'redact_pattern_invalid'],
    ['lookahead', '{"x":"a(?=b)"}', 'redact_pattern_invalid'],
    ['an empty match', '{"x":"a*"}', 'redact_pattern_empty'],
    ['a bad name', '{"<b>":"abc"}', 'redact_pattern_name'],
  ])('refuses %s at start with a typed error', (_name, setting, code) => {
    expect(() => parseFirmPatterns(setting)).toThrow(expect.objectContaining({ code }));
  });

  it('runs a catastrophic-looking pattern in linear time (RE2 engine)', () => {
    const [pattern] = parseFirmPatterns('{"evil":"(a+)+b"}');
    const started = Date.now();
    expect(pattern!.replaceAll('a'.repeat(100_000), 'x').count).toBe(0);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('redactInboundMessage', () => {
  it('redacts every place of a message and records kind and place, never the value', () => {
    const out = redactInboundMessage({
      channel: 'email',
      account: 'support@firm.example',
      externalId: 'm1',
      sender: { address: 'a@b.example', displayName: `Ann ${VISA}` },
      text: `card ${VISA}`,
      html: `<p>card ${VISA}</p>`,
      thread: { subject: `TFN ${TFN}` },
      attachments: [{ fileName: `statement ${VISA}.pdf` }],
      raw: { body: { nested: [`password: s3cret`] } },
      receivedAt: '2026-01-01T00:00:00Z',
    });
    expect(JSON.stringify(out)).not.toContain(VISA);
    expect(JSON.stringify(out)).not.toContain(TFN);
    expect(JSON.stringify(out)).not.toContain('s3cret');
    expect(out.redactions).toEqual(
      expect.arrayContaining([
        { kind: 'card_number', where: 'text', count: 1 },
        { kind: 'card_number', where: 'html', count: 1 },
        { kind: 'card_number', where: 'sender_name', count: 1 },
        { kind: 'card_number', where: 'attachment_name', count: 1 },
        { kind: 'tax_file_number', where: 'subject', count: 1 },
        { kind: 'password', where: 'provider_payload', count: 1 },
      ]),
    );
  });
});

describe('provider identifiers in the raw payload', () => {
  it('are left alone, while the customer\'s words beside them are redacted', () => {
    const out = redactInboundMessage({
      channel: 'messenger',
      account: 'page',
      externalId: 'm_179642441824327',
      sender: { address: '7000000000000030' },
      text: 'hi',
      raw: { message: { mid: 'm_179642441824327', text: `card ${VISA}` }, sender: { id: '4111111111111111' }, MessageSid: '4111111111111111' },
      receivedAt: '2026-01-01T00:00:00Z',
    });
    expect(out.raw).toEqual({ message: { mid: 'm_179642441824327', text: 'card 411111******1111' }, sender: { id: '4111111111111111' }, MessageSid: '4111111111111111' });
  });
});
