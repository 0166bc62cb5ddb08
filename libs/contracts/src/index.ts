export * from './channels';
export * from './inbound-message';
export * from './outbound-message';
export * from './case-events';
export * from './topics';
export * from './errors';
export * from './staff';
export * from './presence';
