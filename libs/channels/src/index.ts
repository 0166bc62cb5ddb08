export * from './channel-adapter';
export * from './channel-catalog';
export * from './outbound-dispatcher';
export * from './channels.module';
export * from './twilio';
export * from './email';
