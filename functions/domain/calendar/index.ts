export * from './business-calendar.js';
export * from './business-time.js';
export * from './closed-days.js';
