// The request schemas the forms share with the API (functions/handlers/http/schemas.ts) pull in
// attachment-rules.ts, whose file sniffing is typed with Node's Buffer. The browser never calls
// it; this names the type so web/ type-checks without Node's globals.
type Buffer = Omit<Uint8Array, 'toString' | 'subarray'> & { toString(encoding?: string): string; subarray(start?: number, end?: number): Buffer; readonly [index: number]: number };
