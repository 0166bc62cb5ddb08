export * from './channel-adapter';
