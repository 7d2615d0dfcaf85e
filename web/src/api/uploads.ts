// Attachments (issue 9): the file goes straight to storage through a short-lived upload URL the
// API hands out (POST /uploads), then its uploadId is named when the ticket or reply is sent;
// the API checks the stored object (size, count, type) before attaching it.
import { useQuery } from '@tanstack/react-query';
import { call, networkProblem, toProblem, useApi, type ApiClient, type Schemas } from './client.js';

/** What the API accepts, as it states it (GET /uploads/limits). */
export type UploadLimits = Schemas['UploadLimits'];

export function useUploadLimits() {
  const { client } = useApi();
  return useQuery({ queryKey: ['upload-limits'], queryFn: () => call(client.GET('/uploads/limits')), staleTime: Infinity });
}

/** Asks for an upload URL and sends the file's bytes there; resolves with the uploadId. */
export async function uploadFile(client: ApiClient, file: File): Promise<string> {
  const grant = await call(client.POST('/uploads', {
    // A type outside the list is the API's 400 to state, in the person's words, beside the file.
    body: { fileName: file.name, contentType: (file.type || 'application/octet-stream') as Schemas['CreateUploadRequest']['contentType'], size: file.size },
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
    call(client.GET('/tickets/{id}/attachments/{attachmentId}', { params: { path: { id: ticketId, attachmentId } } }));
}
