import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoNotificationLog } from '../../functions/adapters/notification-log.js';
import { DynamoTicketStore } from '../../functions/adapters/dynamo-ticket-store.js';
import { defaultPolicy, openTicket } from '../../functions/domain/index.js';
import type { Notification } from '../../functions/domain/notifications/index.js';
import { CUSTOMER, aCase, anEntitlement } from '../fixtures/builders.js';
import { useDynamoDbLocal } from '../support/dynamodb.js';

const db = useDynamoDbLocal();
const log = () => new DynamoNotificationLog(db.client, db.tableName);
const SUN_0900 = '2026-06-07T06:00:00.000Z';
let seq = 0;

const aNotification = (ticketId: string, email: string): Notification => ({
  id: `${ticketId}#1#0#ticket-closed#${email}`, eventId: `${ticketId}#1#0`, ticketId, ticketNumber: 'T-1', ticketSubject: 'It fails at night',
  severity: 'high', to: { email, name: email, role: 'requester' }, language: 'he', timeZone: 'Asia/Jerusalem',
  template: 'ticket-closed', data: { reason: 'confirmed' },
});

describe('DynamoNotificationLog on DynamoDB Local', () => {
  it("keeps a ticket's mail out of the ticket's own partition, so reading a ticket does not grow with its emails", async () => {
    const change = openTicket({
      id: `t-${++seq}-${Date.now()}`, type: 'incident', severity: 'high', organisationId: 'acme', actor: CUSTOMER,
      entitlement: anEntitlement(), case: aCase({ number: `T-${seq}` }),
    }, defaultPolicy, SUN_0900);
    const tickets = new DynamoTicketStore(db.client, db.tableName);
    await tickets.create(change, { messages: [] });
    const id = change.ticket.id;
    const mails = Array.from({ length: 30 }, (_, i) => aNotification(id, `person${String(i).padStart(2, '0')}@acme.example`));
    for (const n of mails) {
      expect(await log().claim(n, SUN_0900)).toEqual({ action: 'send', attempts: 1 });
      await log().markSent(n, { messageId: `ses-${n.to.email}`, rfcMessageId: `<${n.to.email}@mail.example>` }, SUN_0900);
    }

    const { Items = [] } = await DynamoDBDocumentClient.from(db.client).send(new QueryCommand({
      TableName: db.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `TICKET#${id}` },
    }));
    expect(Items.map((i) => i.entity).sort()).toEqual(['event', 'ticket']);
    expect((await tickets.get(id))?.events).toHaveLength(1);

    const listed = await log().listForTicket(id);
    expect(listed.map((m) => [m.recipient, m.status])).toEqual(mails.map((n) => [n.to.email, 'sent']));
    expect(await log().listForTicket('no-such-ticket')).toEqual([]);
    expect(await log().findByRfcMessageId('<person07@acme.example@mail.example>')).toMatchObject({ ticketId: id, recipient: 'person07@acme.example' });
  });

  it('claims a notification once: a second claim of a sent one is done, of one left sending is sent again', async () => {
    const ticketId = `t-${++seq}-${Date.now()}`;
    const sent = aNotification(ticketId, 'dana@acme.example');
    const crashed = aNotification(ticketId, 'avi@acme.example');
    await log().claim(sent, SUN_0900);
    await log().markSent(sent, { messageId: 'ses-1', rfcMessageId: '<1@mail.example>' }, SUN_0900);
    await log().claim(crashed, SUN_0900);
    expect(await log().claim(sent, SUN_0900)).toMatchObject({ action: 'done', record: { status: 'sent', sesMessageId: 'ses-1' } });
    expect(await log().claim(crashed, SUN_0900)).toEqual({ action: 'send', attempts: 2 });
  });
});
