export * from './channel-volumes.view';
export * from './queue-health.service';
export * from './report-csv';
export * from './report-query';
export * from './reports.service';
export * from './supervisor-overview.service';
export * from './supervisor-services.module';
export * from './volume-series';
