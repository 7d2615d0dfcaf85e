export * from './classify.js';
export * from './log-work.js';
export * from './types.js';
