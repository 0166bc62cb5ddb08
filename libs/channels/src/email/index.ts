export * from './mailbox-url';
export * from './quoted-reply';
export * from './email-reader';
export * from './email.parser';
export * from './email-composer';
export * from './email-outbound.sender';
export * from './email.module';
