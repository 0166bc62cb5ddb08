import { loadConfig, type AppConfig } from '@inbox/platform';

export const ADMIN = { email: 'admin@test.local', password: 'admin-password-1' };
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';
export const TEST_CODE_HASH_SECRET = 'test-code-hash-secret-that-is-long-enough-0123456789';

/** The settings every test process runs with, on the given database; `env` adds to or overrides them. */
export function testConfig(databaseUrl: string, env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '5',
    JWT_SECRET: TEST_JWT_SECRET,
    CODE_HASH_SECRET: TEST_CODE_HASH_SECRET,
    INBOX_ADMIN_EMAIL: ADMIN.email,
    INBOX_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'error',
    // Tests log in and call the API far faster than people; the limits have their own test.
    RATE_LIMIT_PER_MINUTE: '1000000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_FAILURES_PER_ACCOUNT: '100000',
    STATUS_PAGE_PER_MINUTE_PER_ADDRESS: '100000',
    WEBCHAT_CONNECTS_PER_MINUTE_PER_ADDRESS: '100000',
    WEBCHAT_HISTORY_PER_MINUTE: '100000',
    WEBCHAT_IDENTIFY_PER_MINUTE: '100000',
    ...env,
  });
}
