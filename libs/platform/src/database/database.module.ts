import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { MIGRATIONS } from './migrations';
import { runMigrations } from './run-migrations';

/** PostgreSQL through TypeORM; migrations run at start under an advisory lock, synchronize off. */
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    const url = config.databaseUrl;
    if (!url) throw new Error('The database URL must be resolved before the modules are built');
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            type: 'postgres' as const,
            url,
            migrations: MIGRATIONS,
            synchronize: false,
            migrationsRun: false,
            // A refused connection (PostgreSQL down) fails at once; this bounds one that is accepted but slow, as on a
            // saturated 2-core host where 5 s was seen to pass during start-up of several roles in one process.
            extra: { max: config.databasePoolSize, connectionTimeoutMillis: 15_000, application_name: `inbox-${config.instanceId}`.slice(0, 63) },
          }),
          dataSourceFactory: async (options) => {
            if (!options) throw new Error('TypeORM options missing');
            const dataSource = await new DataSource(options).initialize();
            await runMigrations(dataSource);
            return dataSource;
          },
        }),
      ],
    };
  }
}
