import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@inbox/platform';
import { KafkaBus } from './kafka-bus';
import { kafkaSecurityOptions } from './kafka-security';

const dir = mkdtempSync(join(tmpdir(), 'kafka-security-'));
const CA = join(dir, 'ca.pem');
writeFileSync(CA, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
const BROKERS = { KAFKA_BROKERS: 'kafka-1:9094' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => `${p.setting} ${p.message}`);
  }
}

describe('Kafka TLS and SASL settings', () => {
  it('maps TLS (verified, with the CA file) and SCRAM to what kafkajs takes', () => {
    const config = loadConfig({ ...BROKERS, KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: CA, KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'inbox', KAFKA_SASL_PASSWORD: 'kafka-pass' });
    const options = kafkaSecurityOptions(config.kafka!);
    expect(options.ssl).toEqual({ rejectUnauthorized: true, ca: [Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')] });
    expect(options.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'inbox', password: 'kafka-pass' });
  });

  it('takes PLAIN over TLS and SCRAM-SHA-256 without it', () => {
    expect(kafkaSecurityOptions(loadConfig({ ...BROKERS, KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }).kafka!)).toEqual({
      ssl: { rejectUnauthorized: true },
      sasl: { mechanism: 'plain', username: 'u', password: 'p' },
    });
    expect(kafkaSecurityOptions(loadConfig({ ...BROKERS, KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }).kafka!).sasl).toEqual({
      mechanism: 'scram-sha-256',
      username: 'u',
      password: 'p',
    });
    expect(kafkaSecurityOptions(loadConfig(BROKERS).kafka!)).toEqual({});
  });

  it.each([
    [{ ...BROKERS, KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }, 'KAFKA_SASL_MECHANISM plain sends the password in clear: it needs KAFKA_SSL=true'],
    [{ ...BROKERS, KAFKA_SASL_MECHANISM: 'scram-sha-512' }, 'KAFKA_SASL_USERNAME is required when KAFKA_SASL_MECHANISM is set'],
    [{ ...BROKERS, KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }, 'KAFKA_SASL_MECHANISM is required when KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD is set'],
    [{ ...BROKERS, KAFKA_SASL_MECHANISM: 'gssapi' }, 'KAFKA_SASL_MECHANISM'],
    [{ ...BROKERS, KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: join(dir, 'missing.pem') }, `KAFKA_SSL_CA_FILE names a file that cannot be read: ${join(dir, 'missing.pem')}`],
    [{ ...BROKERS, KAFKA_SSL_CA_FILE: CA }, 'KAFKA_SSL_CA_FILE needs KAFKA_SSL=true'],
    [{ ...BROKERS, KAFKA_SSL: 'true', KAFKA_SSL_CERT_FILE: CA }, 'KAFKA_SSL_KEY_FILE is required when KAFKA_SSL_CERT_FILE is set'],
    [{ KAFKA_SSL: 'true' }, 'KAFKA_SSL is set but KAFKA_BROKERS is not'],
  ])('refuses %p at start, naming the setting', (env, problem) => {
    expect(problemsOf(env).some((p) => p.startsWith(problem))).toBe(true);
  });

  it('speaks TLS to the broker when KAFKA_SSL is on', async () => {
    let bus: KafkaBus | undefined;
    const firstBytes = new Promise<Buffer>((resolve) => {
      const server = createServer((socket) => socket.once('data', (data: Buffer) => {
        resolve(data);
        socket.destroy();
        server.close();
      }));
      server.listen(0, '127.0.0.1', () => {
        const port = (server.address() as { port: number }).port;
        const config = loadConfig({ KAFKA_BROKERS: `127.0.0.1:${port}`, KAFKA_SSL: 'true' });
        bus = new KafkaBus({ brokers: config.kafka!.brokers, clientId: 'tls-check', ...kafkaSecurityOptions(config.kafka!) });
        void bus.start().catch(() => undefined);
      });
    });
    const bytes = await firstBytes;
    // A TLS record of type handshake (22), TLS major version 3: a ClientHello, not a plaintext Kafka request.
    expect([bytes[0], bytes[1]]).toEqual([22, 3]);
    await bus?.stop().catch(() => undefined);
  }, 20_000);
});
