// Attachments (issue 9): the file goes straight to storage through a short-lived upload URL the
// API hands out (POST /uploads), then its uploadId is named when the ticket or reply is sent;
// the API checks the stored object (size, count, type) before attaching it.
import { useQuery } from '@tanstack/react-query';
import { call, networkProblem, toProblem, useApi, type ApiClient } from './client.js';

/** What the API accepts, as it states it (GET /uploads/limits). */
export type UploadLimits = { maxBytes: number; maxCount: number; contentTypes: readonly string[] };
type UploadGrant = { uploadId: string; uploadUrl: string; uploadHeaders: Record<string, string>; expiresAt: string; limits: UploadLimits };

// The upload routes are typed loosely until the generated schema carries them everywhere.
type Loose = { GET(path: string, init?: unknown): Promise<never>; POST(path: string, init?: unknown): Promise<never> };
const loose = (client: ApiClient) => client as unknown as Loose;

export function useUploadLimits() {
  const { client } = useApi();
  return useQuery({ queryKey: ['upload-limits'], queryFn: () => call<UploadLimits>(loose(client).GET('/uploads/limits')), staleTime: Infinity });
}

/** Asks for an upload URL and sends the file's bytes there; resolves with the uploadId. */
export async function uploadFile(client: ApiClient, file: File): Promise<string> {
  const grant = await call<UploadGrant>(loose(client).POST('/uploads', {
    body: { fileName: file.name, contentType: file.type || 'application/octet-stream', size: file.size },
  }));
  let response: Response;
  try {
    response = await fetch(grant.uploadUrl, { method: 'PUT', headers: grant.uploadHeaders, body: file });
  } catch (error) {
    throw networkProblem(error);
  }
  if (!response.ok) throw toProblem(await response.json().catch(() => null), response.status);
  return grant.uploadId;
}

export function useAttachmentUrl() {
  const { client } = useApi();
  return (ticketId: string, attachmentId: string) =>
    call<{ url: string; expiresAt: string }>(loose(client).GET(`/tickets/${encodeURIComponent(ticketId)}/attachments/${encodeURIComponent(attachmentId)}`));
}
