export * from './telegram-update.parser';
export * from './telegram-client';
export * from './telegram-outbound.sender';
export * from './telegram-update.intake';
export { TelegramConnection, type TelegramConnectionMode } from './telegram-connection';
