export * from './identity-normalizer';
export * from './message-id';
export * from './classification';
export * from './case-routing';
export * from './contact-mentions';
export * from './incident-detector';
export * from './unmerge-plan';
export * from './classifier';
