export * from './plan-notifications.js';
export * from './recipients.js';
export * from './types.js';
