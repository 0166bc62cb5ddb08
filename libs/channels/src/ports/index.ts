export * from './delivery-log.port';
export * from './attachment-sink.port';
export * from './conversation-history.port';
export * from './reply-materials.port';
export * from './contact-verification.port';
