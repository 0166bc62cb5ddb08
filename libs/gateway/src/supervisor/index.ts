export * from './volume-series';
export * from './report-csv';
export * from './report-query';
export * from './supervisor.gateway';
export * from './supervisor.module';
