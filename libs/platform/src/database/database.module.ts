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
            extra: { max: config.databasePoolSize, connectionTimeoutMillis: 5_000, application_name: `inbox-${config.instanceId}`.slice(0, 63) },
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
