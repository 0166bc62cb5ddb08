import { JsonLogger, logContext } from './json-logger';

describe('JsonLogger', () => {
  function capture(level: 'info' | 'debug' = 'info') {
    const lines: string[] = [];
    const logger = new JsonLogger(level, { app: 'test' }, (line) => lines.push(line));
    return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l)) };
  }

  it('writes one JSON object per line with level, context and correlation id', () => {
    const { logger, parsed } = capture();
    logContext.run({ correlationId: 'req-1' }, () => logger.log('started', 'Bootstrap'));
    expect(parsed()[0]).toMatchObject({ level: 'info', msg: 'started', context: 'Bootstrap', correlationId: 'req-1', app: 'test' });
  });

  it('redacts personal data fields', () => {
    const { logger, lines } = capture();
    logger.warn({ msg: 'webhook', text: 'my card was stolen', sender: '+61400000000', channel: 'sms' });
    expect(lines[0]).not.toContain('stolen');
    expect(lines[0]).not.toContain('+61400000000');
    expect(JSON.parse(lines[0]).channel).toBe('sms');
  });

  it('drops levels below the threshold', () => {
    const { logger, lines } = capture('info');
    logger.debug('noise');
    expect(lines).toHaveLength(0);
  });
});
