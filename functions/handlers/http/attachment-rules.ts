// What the API accepts as an attachment: the limits stated to the person (GET /uploads/limits, and
// with every upload URL) and enforced when a file is attached, and the sniff that tells a
// file's first bytes from its declared type.

/** The types a person may attach: logs and screenshots, documents, archives (issue 9). */
export const ATTACHMENT_TYPES = [
  'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain', 'text/csv', 'application/json',
  'application/zip', 'application/gzip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export const ATTACHMENT_LIMITS = {
  maxBytes: 10 * 1024 * 1024, // per file
  maxFiles: 5, // per message (a new ticket's description is its first message)
  types: ATTACHMENT_TYPES,
} as const;

/** How long an upload URL may be used, and how long an unattached upload is kept (the bucket's lifecycle rule: 1 day). */
export const UPLOAD_URL_SECONDS = 15 * 60;
export const UPLOAD_KEPT_SECONDS = 24 * 3600;
/** A download URL is for the click that asked for it. */
export const DOWNLOAD_URL_SECONDS = 5 * 60;

export const SNIFF_BYTES = 512;

const startsWith = (bytes: Buffer, ...signature: number[]) => signature.every((b, i) => bytes[i] === b);
const ascii = (bytes: Buffer, at: number, text: string) => bytes.subarray(at, at + text.length).toString('latin1') === text;
const isZip = (b: Buffer) => startsWith(b, 0x50, 0x4b, 0x03, 0x04) || startsWith(b, 0x50, 0x4b, 0x05, 0x06);

/** Text: UTF-8 without NUL bytes (a cut multi-byte character at the end of the sample allowed). */
function isText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

const SNIFFS: Record<AttachmentType, (bytes: Buffer) => boolean> = {
  'image/png': (b) => startsWith(b, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
  'image/jpeg': (b) => startsWith(b, 0xff, 0xd8, 0xff),
  'image/gif': (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a'),
  'image/webp': (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP'),
  'application/pdf': (b) => ascii(b, 0, '%PDF-'),
  'text/plain': isText,
  'text/csv': isText,
  'application/json': isText,
  'application/zip': isZip,
  'application/gzip': (b) => startsWith(b, 0x1f, 0x8b),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': isZip,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': isZip,
};

/** Whether a file's first bytes (up to SNIFF_BYTES) fit its declared type: a renamed .exe is no PNG. */
export const sniffMatches = (contentType: AttachmentType, firstBytes: Buffer): boolean => SNIFFS[contentType](firstBytes);
