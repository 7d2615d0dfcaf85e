// planer ships no types; the one function the library comparison calls.
declare module 'planer' {
  const planer: { extractFrom(body: string, contentType: 'text/plain' | 'text/html', dom?: unknown): string };
  export default planer;
}
