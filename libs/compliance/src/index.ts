export * from './zoned-time';
export * from './idr-deadlines';
