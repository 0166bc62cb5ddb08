export * from './case.repository';
export * from './sql-client';
export * from './message.repository';
export * from './compliance-record.repository';
export * from './customer.repository';
