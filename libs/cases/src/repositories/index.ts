export * from './case.repository';
export * from './sql-client';
export * from './message.repository';
