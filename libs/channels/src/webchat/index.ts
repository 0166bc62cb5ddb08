export * from './webchat-visitor-token';
export * from './webchat-visitor-message';
export * from './webchat-rooms';
export * from './webchat-outbound.sender';
