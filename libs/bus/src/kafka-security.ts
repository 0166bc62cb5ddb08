import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { SASLOptions } from 'kafkajs';
import type { AppConfig } from '@inbox/platform';

export interface KafkaSecurityOptions {
  ssl?: ConnectionOptions;
  sasl?: SASLOptions;
}

/**
 * KAFKA_SSL* and KAFKA_SASL_* as kafkajs takes them: TLS with certificate
 * verification always on (the CA file added to the trusted ones, a client
 * certificate when given), and SASL PLAIN or SCRAM. Files are read now, at
 * start, so a missing one stops the start rather than a later reconnect.
 */
export function kafkaSecurityOptions(kafka: NonNullable<AppConfig['kafka']>, readFile: (path: string) => Buffer = readFileSync): KafkaSecurityOptions {
  const options: KafkaSecurityOptions = {};
  if (kafka.ssl) {
    options.ssl = {
      rejectUnauthorized: true,
      ...(kafka.ssl.caFile ? { ca: [readFile(kafka.ssl.caFile)] } : {}),
      ...(kafka.ssl.certFile ? { cert: readFile(kafka.ssl.certFile) } : {}),
      ...(kafka.ssl.keyFile ? { key: readFile(kafka.ssl.keyFile) } : {}),
    };
  }
  if (kafka.sasl) {
    const { username, password } = kafka.sasl;
    // Spelled per mechanism: kafkajs types each mechanism's options separately.
    switch (kafka.sasl.mechanism) {
      case 'plain':
        options.sasl = { mechanism: 'plain', username, password };
        break;
      case 'scram-sha-256':
        options.sasl = { mechanism: 'scram-sha-256', username, password };
        break;
      case 'scram-sha-512':
        options.sasl = { mechanism: 'scram-sha-512', username, password };
        break;
      default: {
        const unknown: never = kafka.sasl.mechanism;
        throw new Error(`unknown SASL mechanism ${String(unknown)}`);
      }
    }
  }
  return options;
}
