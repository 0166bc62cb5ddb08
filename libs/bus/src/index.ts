export * from './bus.port';
export * from './local-bus';
export * from './retry-policy';
export * from './keyed-serial-queue';
export * from './kafka-bus';
export * from './split-on-failure';
export * from './group-commit-queue';
