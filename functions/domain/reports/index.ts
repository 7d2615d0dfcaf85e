export * from './compliance.js';
export * from './ticket-report.js';
