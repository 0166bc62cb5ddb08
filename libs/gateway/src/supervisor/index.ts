export * from './supervisor.gateway';
export * from './supervisor.module';
