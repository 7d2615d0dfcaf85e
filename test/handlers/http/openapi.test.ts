import { describe, expect, it } from 'vitest';
import { makeGetOpenApiHandler } from '../../../functions/handlers/http/get-openapi.js';
import { buildOpenApiDocument } from '../../../functions/handlers/http/openapi.js';
import { ROUTES } from '../../../functions/handlers/http/routes.js';
import { anHttpEvent, bodyOf } from '../../fixtures/http.js';

type Operation = { security: unknown[]; parameters: Array<{ name: string; in: string; required: boolean }>; requestBody?: { content: Record<string, { schema: { $ref: string } }> }; responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> };
const doc = buildOpenApiDocument() as { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };
const op = (method: string, path: string) => doc.paths[path]![method.toLowerCase()]!;

/** Every `$ref` in the document, to check each names a component that exists. */
const refs = (value: unknown): string[] =>
  value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : refs(v))) : [];

describe('the OpenAPI 3.1 document, generated from the zod schemas', () => {
  it('is OpenAPI 3.1', () => expect(doc.openapi).toBe('3.1.0'));

  it.each(ROUTES.map((r) => [r.method, r.path] as const))('describes %s %s', (method, path) => {
    expect(doc.paths[path]?.[method.toLowerCase()]).toBeDefined();
  });

  it('describes nothing that is not a route', () => {
    const described = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(described.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('gives every write with a body its request schema, and every route its path parameters', () => {
    const BODILESS = ['close-statement']; // an action on the resource the path names
    for (const route of ROUTES) {
      const operation = op(route.method, route.path);
      if (BODILESS.includes(route.entry)) expect(operation.requestBody, route.entry).toBeUndefined();
      else if (['POST', 'PUT', 'PATCH'].includes(route.method)) expect(operation.requestBody?.content['application/json']?.schema.$ref, route.entry).toMatch(/Request$/);
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(operation.parameters.filter((p) => p.in === 'path').map((p) => p.name), route.entry).toEqual(names);
    }
  });

  it('answers problems as application/problem+json with the Problem schema, 401 wherever a token is needed', () => {
    for (const route of ROUTES) {
      const operation = op(route.method, route.path);
      expect(operation.responses['500']?.content?.['application/problem+json']?.schema.$ref).toBe('#/components/schemas/Problem');
      expect('401' in operation.responses, route.entry).toBe(route.auth);
      expect(operation.security.length > 0, route.entry).toBe(route.auth);
    }
  });

  it('describes the real answers: the ticket detail for GET one ticket, 428 and a required If-Match for PATCH', () => {
    expect(op('GET', '/tickets/{id}').responses['200']?.content?.['application/json']?.schema.$ref).toBe('#/components/schemas/TicketDetail');
    const patch = op('PATCH', '/tickets/{id}');
    expect(patch.responses['428']).toBeDefined();
    expect(patch.parameters.find((p) => p.name === 'If-Match')?.required).toBe(true);
    expect(op('POST', '/tickets/{id}/messages').responses['201']).toBeDefined(); // R-CLOSE-5
    expect(op('GET', '/tickets').parameters.map((p) => p.name)).toEqual(['status', 'severity', 'organisationId', 'assignee', 'sla', 'limit', 'cursor', 'q']);
  });

  it('has every referenced schema among its components', () => {
    const missing = refs(doc).map((r) => r.replace('#/components/schemas/', '')).filter((id) => !(id in doc.components.schemas));
    expect(missing).toEqual([]);
    expect(doc.components.schemas).toHaveProperty('TicketView.properties.sla.properties.firstResponse');
  });

  it('is served at GET /openapi.json without a token', async () => {
    const res = await makeGetOpenApiHandler()(anHttpEvent({ method: 'GET', path: '/openapi.json', claims: undefined, body: undefined }));
    expect(res.statusCode).toBe(200);
    expect(bodyOf(res)).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});
