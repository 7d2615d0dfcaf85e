export * from './article.js';
export * from './link-article.js';
