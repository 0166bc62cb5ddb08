/** Test-data builders shared by the medium, integration and browser tiers. */
export * from './cases';
export * from './customers';
export * from './messages';
export * from './staff';
export * from './twilio-webhooks';
