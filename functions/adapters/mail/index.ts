export * from './detect-auto-reply.js';
export * from './detect-intent.js';
export * from './find-ticket-number.js';
export * from './html-to-text.js';
export * from './inbound-mail.js';
export * from './parse-inbound.js';
export * from './strip-reply.js';
export * from './authenticate-sender.js';
