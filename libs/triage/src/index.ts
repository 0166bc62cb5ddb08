export * from './identity-normalizer';
export * from './message-id';
export * from './classifier';
