// The knowledge base over the real handlers on DynamoDB Local (R-KB-1): who reads what, versions,
// the index rebuilt from the table's real stream (a redelivered batch built once), linking an
// article to a ticket, feedback, and queries that find nothing.
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollStream, type DynamoDBStreamRecord, type StreamPoller } from '../../../bin/local/stream-poller.js';
import { articleKeys } from '../../../functions/adapters/article-store.js';
import { FileIndexObject, type IndexObjectStore } from '../../../functions/adapters/search/index-store.js';
import { MAX_ARTICLE_HTML_BYTES, renderMarkdown } from '../../../functions/adapters/search/markdown.js';
import type { Role } from '../../../functions/handlers/http/caller.js';
import { silentLog } from '../../../functions/handlers/log.js';
import { makeKbIndexHandler } from '../../../functions/handlers/kb-index.js';
import { loadRouteModules, makeApi, manualClock, type Api, type Identity } from '../../support/http-api.js';
import { useDynamoDbLocal } from '../../support/dynamodb.js';
import { PEOPLE, SUN_0900, seedWorld } from '../../support/world.js';

const db = useDynamoDbLocal();
let api: Api;
let poller: StreamPoller;
let writes = 0;
const batches: DynamoDBStreamRecord[][] = [];
let kbIndex: ReturnType<typeof makeKbIndexHandler>;
const asEvent = (records: DynamoDBStreamRecord[]) => ({ Records: records as unknown as DynamoDBStreamEvent['Records'] });

beforeAll(async () => {
  api = makeApi(await loadRouteModules(), db.client, db.tableName, manualClock(SUN_0900));
  await seedWorld(api.deps.directory);
  const file = api.articleIndexObject as FileIndexObject;
  const counted: IndexObjectStore = { read: (etag) => file.read(etag), write: async (bytes) => { writes += 1; await file.write(bytes); } };
  kbIndex = makeKbIndexHandler({ articles: api.deps.articles, store: counted, now: api.clock.now, log: silentLog });
  // The table's stream, delivered as Lambda's event source mapping would, to the index builder.
  poller = pollStream({ streamsClient: db.streamsClient, streamArn: db.streamArn, pollIntervalMs: 0, onBatch: async (records) => { batches.push(records); await kbIndex(asEvent(records)); } });
}, 30_000);
afterAll(async () => { await poller?.stop(); });

const write = async (title: string, body: string, visibility: string, language = 'en') => {
  const res = await api.call('POST /articles', { as: PEOPLE.tier1, body: { title, body, language, visibility, tags: ['kb-test'] } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json.id as string;
};
const publish = async (id: string) => expect((await api.call('POST /articles/{id}/publish', { as: PEOPLE.tier2, params: { id } })).statusCode).toBe(200);
const search = (q: string, as: Identity | null, query: Record<string, string> = {}) => api.call('GET /articles', { as, query: { q, ...query } });

describe('R-KB-1: each visibility for each role and for no token', () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    ids.public = await write('Zebra public article', 'Anyone reads about zebras.', 'public');
    ids.customers = await write('Zebra customers article', 'Signed-in customers read about zebras.', 'customers');
    ids.internal = await write('Zebra internal article', 'Only staff read the secret zebra workaround.', 'internal');
    ids.draft = await write('Zebra draft article', 'Not yet published zebra text.', 'public');
    ids.withdrawn = await write('Zebra withdrawn article', 'Withdrawn zebra text.', 'public');
    for (const key of ['public', 'customers', 'internal', 'withdrawn']) await publish(ids[key]!);
    expect((await api.call('POST /articles/{id}/withdraw', { as: PEOPLE.manager, params: { id: ids.withdrawn! } })).statusCode).toBe(200);
    await poller.drain();
  });

  const CALLERS: [string, Identity | null][] = [['no token', null], ...(['dana', 'pat', 'tier1', 'tier2', 'tier3', 'manager', 'officer', 'admin'] as const).map((p) => [PEOPLE[p].role, PEOPLE[p]] as [string, Identity])];
  const staff = (who: Identity | null) => who !== null && !['customer', 'partner'].includes(who.role as Role);
  const mayRead = (who: Identity | null, key: string) =>
    staff(who) || (key === 'public') || (key === 'customers' && who !== null);

  it.each(CALLERS)('%s: by id, as its visibility and status allow (else 404, as if absent)', async (_name, who) => {
    for (const key of Object.keys(ids)) {
      const res = await api.call('GET /articles/{id}', { as: who, params: { id: ids[key]! } });
      expect(res.statusCode, `${key}`).toBe(mayRead(who, key) ? 200 : 404);
      if (res.statusCode === 404) expect(res.body).not.toContain('zebra');
    }
  });

  it.each(CALLERS)('%s: in search, only published articles its visibility allows, snippets included', async (_name, who) => {
    const res = await search('zebra', who, { limit: '50' });
    expect(res.statusCode).toBe(200);
    const found = res.json.items.map((i: { id: string }) => Object.keys(ids).find((k) => ids[k] === i.id)).sort();
    const expected = ['public', 'customers', 'internal'].filter((k) => mayRead(who, k)).sort();
    expect(found).toEqual(expected);
    if (!staff(who)) expect(res.body).not.toContain('secret');
  });
});

describe('R-KB-1: versions', () => {
  it('PUT needs If-Match (428), refuses a stale one (412), and keeps every version with who and when', async () => {
    const id = await write('Reload tips', 'Version one.', 'public');
    const body = { title: 'Reload tips', body: 'Version two.', language: 'en', visibility: 'public' };
    expect((await api.call('PUT /articles/{id}', { as: PEOPLE.tier2, params: { id }, body })).statusCode).toBe(428);
    expect((await api.call('PUT /articles/{id}', { as: PEOPLE.tier2, params: { id }, headers: { 'if-match': '"7"' }, body })).statusCode).toBe(412);
    api.clock.advanceMinutes(30);
    const saved = await api.call('PUT /articles/{id}', { as: PEOPLE.tier2, params: { id }, headers: { 'if-match': '"1"' }, body });
    expect(saved.statusCode).toBe(200);
    expect(saved.headers.etag).toBe('"2"');
    expect((await api.call('PUT /articles/{id}', { as: PEOPLE.tier3, params: { id }, headers: { 'if-match': '"1"' }, body })).statusCode).toBe(412); // the lost update
    const read = await api.call('GET /articles/{id}', { as: PEOPLE.manager, params: { id } });
    expect(read.json.body).toBe('Version two.');
    expect(read.json.versions.map((v: any) => [v.version, v.change, v.by])).toEqual([[1, 'created', PEOPLE.tier1.email], [2, 'revised', PEOPLE.tier2.email]]);
    expect(read.json.versions[1].at).toBe(api.clock.now());
  });

  it('renders the body inert for every reader', async () => {
    const id = await write('Inert', 'Hi <script>alert(1)</script> [x](javascript:alert(1))', 'public');
    await publish(id);
    const read = await api.call('GET /articles/{id}', { as: null, params: { id } });
    expect(read.json.html).not.toMatch(/<script|href="javascript/i);
  });
});

describe('R-KB-1: the index is rebuilt from the stream on publish and withdraw, once per state', () => {
  it('finds an article once published, not once withdrawn; a redelivered batch builds nothing', async () => {
    const id = await write('Quokka connector', 'The quokka connector loads data.', 'public');
    await poller.drain();
    expect((await search('quokka', null)).json.items).toEqual([]); // a draft is not indexed
    const before = writes;
    await publish(id);
    await poller.drain();
    expect(writes).toBe(before + 1);
    expect((await search('quokka', null)).json.items.map((i: any) => i.id)).toEqual([id]);

    const publishBatch = batches.at(-1)!;
    await kbIndex(asEvent(publishBatch)); // the stream delivers it again
    expect(writes).toBe(before + 1);

    expect((await api.call('POST /articles/{id}/withdraw', { as: PEOPLE.tier1, params: { id } })).statusCode).toBe(200);
    await poller.drain();
    expect(writes).toBe(before + 2);
    expect((await search('quokka', null)).json.items).toEqual([]);
    await kbIndex(asEvent(batches.at(-1)!));
    await kbIndex(asEvent(publishBatch)); // an older state, redelivered late: the index is past it
    expect(writes).toBe(before + 2);
  });
});

describe('R-KB-1: an agent links an article to a ticket', () => {
  it('is on the ticket history and in the conversation the customer reads', async () => {
    const articleId = await write('Licence renewal', 'Ask your account manager.', 'customers');
    await publish(articleId);
    const opened = await api.call('POST /tickets', { as: PEOPLE.dana, body: { type: 'incident', severity: 'normal', subject: 'Licence expired', description: 'Nobody can sign in' } });
    const ticketId = opened.json.id as string;
    const linked = await api.call('POST /tickets/{id}/articles', { as: PEOPLE.tier1, params: { id: ticketId }, body: { articleId } });
    expect(linked.statusCode, linked.body).toBe(200);
    const seen = await api.call('GET /tickets/{id}', { as: PEOPLE.dana, params: { id: ticketId } });
    expect(seen.json.history.find((h: any) => h.type === 'article-linked')?.data).toEqual({ articleId, title: 'Licence renewal', language: 'en' });
    expect(seen.json.messages.map((m: any) => m.body)).toContain(`📄 Licence renewal\n/kb/${articleId}`);
    expect(seen.json.sla.firstResponse.metAt).toBeNull(); // a link is not a reply
  });

  it('refuses a draft or internal article (409) and an unknown one (400 naming articleId)', async () => {
    const opened = await api.call('POST /tickets', { as: PEOPLE.dana, body: { type: 'incident', severity: 'normal', subject: 'x', description: 'y' } });
    const draft = await write('Draft', 'x', 'public');
    const internal = await write('Internal', 'x', 'internal');
    await publish(internal);
    const link = (articleId: string) => api.call('POST /tickets/{id}/articles', { as: PEOPLE.tier1, params: { id: opened.json.id }, body: { articleId } });
    expect((await link(draft)).statusCode).toBe(409);
    expect((await link(internal)).statusCode).toBe(409);
    const unknown = await link('00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json.errors[0].path).toBe('articleId');
  });
});

describe('R-KB-1: feedback, views and deflections, for the managers', () => {
  it('counts a reader\'s views, helpful and unhelpful votes and deflections; the center\'s reads are not views', async () => {
    const id = await write('Backup', 'Nightly dumps.', 'public');
    await publish(id);
    await api.call('GET /articles/{id}', { as: null, params: { id } });
    await api.call('GET /articles/{id}', { as: PEOPLE.dana, params: { id } });
    await api.call('GET /articles/{id}', { as: PEOPLE.tier1, params: { id } });
    for (const body of [{ helpful: true }, { helpful: true }, { helpful: false }, { deflected: true }]) {
      expect((await api.call('POST /articles/{id}/feedback', { as: null, params: { id }, body })).statusCode).toBe(204);
    }
    const read = await api.call('GET /articles/{id}', { as: PEOPLE.manager, params: { id } });
    expect(read.json.stats).toEqual({ views: 2, helpful: 2, notHelpful: 1, deflections: 1 });
    const listed = await api.call('GET /articles', { as: PEOPLE.manager, query: { status: 'published', limit: '50' } });
    expect(listed.json.items.find((i: any) => i.id === id)?.stats).toEqual({ views: 2, helpful: 2, notHelpful: 1, deflections: 1 });
    expect((await api.call('GET /articles', { as: PEOPLE.dana, query: { status: 'draft' } })).statusCode).toBe(403);
  });
});

describe('R-KB-1: queries that find nothing are 200 with no items, or 400 naming q; never a 5xx', () => {
  it.each(['', '   ', '?!', '...', '"\'<>&', '🙂🙂'])('%j: 200, no items', async (q) => {
    const res = await search(q, null);
    expect(res.statusCode).toBe(200);
    expect(res.json.items).toEqual([]);
  });
  it('over 200 characters: 400 naming q', async () => {
    const res = await search('שרת '.repeat(100), PEOPLE.dana);
    expect(res.statusCode).toBe(400);
    expect(res.json.errors.map((e: any) => e.path)).toContain('q');
  });
});

describe('R-KB-1: the body is rendered inert when written, stored, and read as stored (issue 13: reads carry no renderer)', () => {
  const doc = () => DynamoDBDocumentClient.from(db.client);
  const head = async (id: string) => (await doc().send(new GetCommand({ TableName: db.tableName, Key: articleKeys.article(id) }))).Item!;
  const setInArticle = (id: string, update: string, values?: Record<string, unknown>) =>
    doc().send(new UpdateCommand({ TableName: db.tableName, Key: articleKeys.article(id), UpdateExpression: update, ...(values ? { ExpressionAttributeValues: values } : {}) }));
  const forget = (id: string) => setInArticle(id, 'REMOVE article.html, article.summary'); // as an article stored before issue 13
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

  it('create and update store the safe HTML and a summary; publish and withdraw keep them; a version keeps the text only', async () => {
    const id = await write('Stored rendering', '**One** <img src=x onerror=alert(1)>', 'public');
    expect((await head(id)).article).toMatchObject({ html: '<p><strong>One</strong> &lt;img src=x onerror=alert(1)&gt;</p>\n', summary: 'One <img src=x onerror=alert(1)>' });
    const body = { title: 'Stored rendering', body: '**Two** [x](javascript:alert(1)) [y](https://vendor.example)', language: 'en', visibility: 'public' };
    expect((await api.call('PUT /articles/{id}', { as: PEOPLE.tier2, params: { id }, headers: { 'if-match': '"1"' }, body })).statusCode).toBe(200);
    const html = '<p><strong>Two</strong> [x](javascript:alert(1)) <a href="https://vendor.example" rel="noopener noreferrer nofollow">y</a></p>\n';
    expect((await head(id)).article).toMatchObject({ html, summary: 'Two [x](javascript:alert(1)) y' });
    await publish(id);
    expect((await head(id)).article.html).toBe(html);
    expect((await api.call('POST /articles/{id}/withdraw', { as: PEOPLE.tier1, params: { id } })).statusCode).toBe(200);
    expect((await head(id)).article.html).toBe(html);
    const read = await api.call('GET /articles/{id}', { as: PEOPLE.manager, params: { id } });
    expect(read.json.html).toBe(html);
    expect(read.json.versions).toHaveLength(4);
    for (const v of [1, 2, 3, 4]) {
      const item = (await doc().send(new GetCommand({ TableName: db.tableName, Key: articleKeys.version(id, v) }))).Item!;
      expect(item.articleVersion.body).toBeDefined();
      expect(item.articleVersion).not.toHaveProperty('html');
    }
    await poller.drain();
  });

  it('a read returns the HTML as stored: nothing is rendered on the way out', async () => {
    const id = await write('As stored', 'Rendered when *written*.', 'public');
    await publish(id);
    await setInArticle(id, 'SET article.html = :h', { ':h': '<p>the stored rendering</p>\n' });
    expect((await api.call('GET /articles/{id}', { as: null, params: { id } })).json.html).toBe('<p>the stored rendering</p>\n');
    await poller.drain();
  });

  it('an article stored before: readers get its text escaped, never an empty page; the next index build stores its rendering', async () => {
    const source = '# Old\n\nStored **before** <script>alert(1)</script>\nsecond line';
    const id = await write('Stored before', source, 'public');
    await publish(id);
    await poller.drain();
    await forget(id);
    const old = await api.call('GET /articles/{id}', { as: null, params: { id } });
    expect(old.statusCode).toBe(200);
    expect(old.json.html).toBe('<p># Old</p>\n<p>Stored **before** &#60;script&#62;alert(1)&#60;/script&#62;<br>\nsecond line</p>\n');
    const listed = await api.call('GET /articles', { as: PEOPLE.manager, query: { status: 'published', limit: '50' } });
    expect(listed.json.items.find((i: any) => i.id === id)?.snippet).toContain('Stored **before** &#60;script&#62;');
    await poller.drain(); // the removal's own stream record: the index is up to date, nothing rendered
    expect((await head(id)).article.html).toBeUndefined();

    await publish(await write('Another article', 'Publishing it rebuilds the index.', 'public'));
    await poller.drain();
    expect((await head(id)).article).toMatchObject({ html: renderMarkdown(source), summary: 'Old Stored before <script>alert(1)</script> second line' });
    expect((await api.call('GET /articles/{id}', { as: null, params: { id } })).json.html).toBe('<h1>Old</h1>\n<p>Stored <strong>before</strong> &lt;script&gt;alert(1)&lt;/script&gt;\nsecond line</p>\n');
  });

  it('an article stored before gets its rendering with its next write (publish)', async () => {
    const id = await write('Draft stored before', 'A *draft*.', 'public');
    await forget(id);
    await publish(id);
    expect((await head(id)).article).toMatchObject({ html: '<p>A <em>draft</em>.</p>\n', summary: 'A draft.' });
    await poller.drain();
  });

  it('a body whose HTML would be too large to store: 400 naming body, nothing written', async () => {
    const body = `[r]: https://vendor.example/${'p'.repeat(1_000)}\n\n${'[r] '.repeat(5_000)}`; // 22 KB of Markdown, 5 MB of HTML
    const before = (await api.call('GET /articles', { as: PEOPLE.manager, query: { status: 'all', limit: '50' } })).json.items.length;
    const res = await api.call('POST /articles', { as: PEOPLE.tier1, body: { title: 'Amplified', body, language: 'en', visibility: 'public' } });
    expect(res.statusCode).toBe(400);
    expect(res.json.errors.map((e: any) => e.path)).toEqual(['body']);
    const id = await write('Short first', 'Short.', 'public');
    const put = await api.call('PUT /articles/{id}', { as: PEOPLE.tier1, params: { id }, headers: { 'if-match': '"1"' }, body: { title: 'Short first', body, language: 'en', visibility: 'public' } });
    expect(put.statusCode).toBe(400);
    expect(put.json.errors.map((e: any) => e.path)).toEqual(['body']);
    expect((await head(id)).article).toMatchObject({ version: 1, body: 'Short.' });
    expect((await api.call('GET /articles', { as: PEOPLE.manager, query: { status: 'all', limit: '50' } })).json.items.length).toBe(before + 1);
  });

  it('the largest article the API takes, rendering to nearly the most HTML kept, is stored well under DynamoDB\'s 400 KB item', async () => {
    const text = Array.from({ length: 60 }, () => 'התקנת השרת והגדרת המחברים '.repeat(14).trim()).join('\n\n'); // ~40 KB of Hebrew
    const definition = `[r]: https://vendor.example/${'p'.repeat(150)}`;
    const withLinks = (n: number) => `${definition}\n\n${text}\n\n${'[r] '.repeat(n).trim()}`;
    const perLink = bytes(renderMarkdown(withLinks(2))) - bytes(renderMarkdown(withLinks(1)));
    const n = Math.floor((MAX_ARTICLE_HTML_BYTES - bytes(renderMarkdown(withLinks(0))) - 500) / perLink);
    const body = withLinks(n);
    const html = renderMarkdown(body);
    expect(bytes(html)).toBeGreaterThan(MAX_ARTICLE_HTML_BYTES - 1_000);
    expect(bytes(html)).toBeLessThanOrEqual(MAX_ARTICLE_HTML_BYTES);
    const request = JSON.stringify({ title: 'א'.repeat(200), body, language: 'he', visibility: 'public', tags: Array.from({ length: 20 }, (_, i) => `${'ת'.repeat(38)}${String(i).padStart(2, '0')}`) });
    expect(bytes(request)).toBeLessThanOrEqual(64 * 1024); // within what the API takes (body.ts)
    const created = await api.call('POST /articles', { as: PEOPLE.tier1, body: request, headers: { 'content-type': 'application/json' } });
    expect(created.statusCode, created.body?.slice(0, 300)).toBe(201);
    const item = await head(created.json.id);
    expect(item.article.html).toBe(html);
    const itemBytes = bytes(JSON.stringify(item)); // above DynamoDB's own count (names and values, no JSON punctuation)
    expect(itemBytes).toBeGreaterThan(240_000);
    expect(itemBytes).toBeLessThan(300_000);
    await poller.drain();
  });
});
