/** The one object that holds the knowledge base's search index, in its bucket (and in the local stack's folder). Plain data: lib/ reads it. */
export const ARTICLE_INDEX_KEY = 'kb/articles-index.json';
