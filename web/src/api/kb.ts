// The knowledge base's server state (issue 11, R-KB-1): TanStack Query hooks over the typed
// client. Anonymous readers use the same hooks: the client sends a token only when there is one.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, useApi, type Schemas } from './client.js';
import type { paths } from './schema.js';

export type ArticleView = Schemas['ArticleView'];
export type ArticleHit = Schemas['ArticleSearchResult']['items'][number];
export type ArticleRequest = Schemas['CreateArticleRequest'];
export type ArticleQuery = NonNullable<NonNullable<paths['/articles']['get']['parameters']>['query']>;

export function useArticles(query: ArticleQuery, enabled = true) {
  const { client } = useApi();
  return useQuery({
    queryKey: ['articles', query],
    queryFn: () => call(client.GET('/articles', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useArticle(id: string) {
  const { client } = useApi();
  return useQuery({
    queryKey: ['article', id],
    queryFn: () => call(client.GET('/articles/{id}', { params: { path: { id } } })),
    retry: false,
  });
}

const useInvalidate = () => {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: ['articles'] }), queryClient.invalidateQueries({ queryKey: ['article'] })]);
};

export function useSaveArticle() {
  const { client } = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version, body }: { id?: string; version?: number; body: ArticleRequest }) => id
      ? call(client.PUT('/articles/{id}', { params: { path: { id }, header: { 'If-Match': `"${version}"` } }, body }))
      : call(client.POST('/articles', { body })),
    onSuccess: invalidate,
  });
}

export function useArticleStatus() {
  const { client } = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, to }: { id: string; to: 'publish' | 'withdraw' }) => to === 'publish'
      ? call(client.POST('/articles/{id}/publish', { params: { path: { id } } }))
      : call(client.POST('/articles/{id}/withdraw', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

export function useArticleFeedback(id: string) {
  const { client } = useApi();
  return useMutation({
    mutationFn: (body: Schemas['ArticleFeedbackRequest']) => call(client.POST('/articles/{id}/feedback', { params: { path: { id } }, body })),
  });
}
