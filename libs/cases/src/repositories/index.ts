export * from './case.repository';
export * from './sql-client';
