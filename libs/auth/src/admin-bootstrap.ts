import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { UsersService } from './users.service';

const BOOTSTRAP_LOCK_ID = 271_00002;
export const DEMO_ADMIN_EMAIL = 'admin@inbox.local';

/**
 * Creates the first admin when there is no user: from INBOX_ADMIN_EMAIL and
 * INBOX_ADMIN_PASSWORD, or a demo admin whose password is printed once.
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      // Several processes may start together: one of them creates the admin.
      await runner.query('SELECT pg_advisory_lock($1)', [BOOTSTRAP_LOCK_ID]);
      if ((await this.users.count()) > 0) return;
      const { adminEmail, adminPassword } = this.config.auth;
      if (adminEmail && adminPassword) {
        await this.users.create({ email: adminEmail, password: adminPassword, name: 'Administrator', role: 'admin' });
        this.logger.log('Created the first admin from INBOX_ADMIN_EMAIL');
        return;
      }
      const password = randomBytes(9).toString('base64url');
      await this.users.create({ email: DEMO_ADMIN_EMAIL, password, name: 'Demo admin', role: 'admin' });
      // Printed once, on purpose, outside the JSON log: it is what a newcomer needs to sign in.
      process.stdout.write(
        `\n  No users yet, so a demo admin was created. Sign in with:\n    email:    ${DEMO_ADMIN_EMAIL}\n    password: ${password}\n  (shown once; set INBOX_ADMIN_EMAIL / INBOX_ADMIN_PASSWORD to choose your own)\n\n`,
      );
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [BOOTSTRAP_LOCK_ID]).catch(() => undefined);
      await runner.release();
    }
  }
}
