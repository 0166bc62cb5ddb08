export * from './channel-ports.module';
