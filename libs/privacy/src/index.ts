export * from './checksums';
export * from './card-numbers';
export * from './text-redactor';
export * from './firm-patterns';
export * from './inbound-redactor';
export * from './retention';
export * from './erasure-plan';
