import { describe, expect, it } from 'vitest';
import { DynamoReportRequests, type ReportRequest } from '../../functions/adapters/report-requests.js';
import { useDynamoDbLocal } from '../support/dynamodb.js';

const db = useDynamoDbLocal();
const requests = () => new DynamoReportRequests(db.client, db.tableName);
let seq = 0;
const aRequest = (): ReportRequest => ({
  id: `weekly:2026-06-06T21:00:00.000Z:acme:dana-${++seq}@acme.example`, organisationId: 'acme',
  recipient: { email: `dana-${seq}@acme.example`, name: 'Dana', language: 'he' },
  period: { from: '2026-05-30T21:00:00.000Z', to: '2026-06-06T21:00:00.000Z' }, frequency: 'weekly', requestedBy: 'schedule', requestedAt: '2026-06-07T03:00:00.000Z',
});

describe('DynamoReportRequests on DynamoDB Local', () => {
  it('R-RPT-1: writes a request once; the same id again (a repeated scheduled run) writes nothing', async () => {
    const r = aRequest();
    expect(await requests().create(r)).toBe(true);
    expect(await requests().create({ ...r, requestedAt: '2026-06-07T03:05:00.000Z' })).toBe(false);
    expect(await requests().get(r.id)).toMatchObject({ ...r, status: 'requested', attempts: 0 });
  });

  it('claims before sending: sent is done; one left sending by a crash is sent again; rejected is done', async () => {
    const sent = aRequest();
    const crashed = aRequest();
    const refused = aRequest();
    for (const r of [sent, crashed, refused]) await requests().create(r);
    expect(await requests().claim(sent.id, '2026-06-07T03:01:00.000Z')).toEqual({ action: 'send', attempts: 1 });
    await requests().markSent(sent.id, { messageId: 'ses-1', rfcMessageId: '<ses-1@email.amazonses.com>' }, '2026-06-07T03:01:01.000Z');
    expect(await requests().claim(sent.id, '2026-06-07T03:02:00.000Z')).toMatchObject({ action: 'done', record: { status: 'sent', sesMessageId: 'ses-1' } });

    await requests().claim(crashed.id, '2026-06-07T03:01:00.000Z');
    expect(await requests().claim(crashed.id, '2026-06-07T03:02:00.000Z')).toEqual({ action: 'send', attempts: 2 });

    await requests().claim(refused.id, '2026-06-07T03:01:00.000Z');
    await requests().markRejected(refused.id, 'MessageRejected', '2026-06-07T03:01:01.000Z');
    expect(await requests().claim(refused.id, '2026-06-07T03:02:00.000Z')).toMatchObject({ action: 'done', record: { status: 'rejected', rejection: 'MessageRejected' } });
  });
});
