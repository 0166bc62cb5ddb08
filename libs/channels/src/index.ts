export * from './channel-adapter';
export * from './twilio';
