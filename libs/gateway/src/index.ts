export * from './socket-rooms';
export * from './agents.gateway';
export * from './case-events.fanout';
export * from './workspace.module';
export * from './web-ui';
export * from './health/health.module';
export * from './supervisor';
export * from './compliance/compliance-http.module';
