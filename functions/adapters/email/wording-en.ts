import { actions, facts, p, quote, tx, type Block, type WordingTable } from './wording.js';

// R-CLOSE-2: two links that need no typing; the words remain for a client that shows no links
const confirmOrReopen = (confirm: string, reopen: string): Block => actions(
  { label: 'Yes, it is solved: close the ticket', subject: 'Confirmed: the problem is solved' },
  { label: 'No, it is not solved', subject: 'Not solved' },
  tx`Choose one: each link opens an email ready to send, with nothing to type. To tell us more, simply reply.`,
  tx`If the problem is solved, reply with the word "${confirm}" and we will close the ticket. If not, reply with "${reopen}" and tell us what is still wrong.`,
);

const REFUSED_EN: Record<string, string> = {
  'too-large': 'too large', 'too-many': 'too many attachments in one email', 'type-not-allowed': 'a file type we do not accept (a program or script)',
};

const LEVEL = { hos: 'Head of Support', cco: 'Chief Customer Officer' } as const;

/** English wording, short and plain. */
export const EN: WordingTable = {
  greeting: (name) => tx`Hello ${name},`,
  signOff: ['Regards,', 'Support team'],
  replyHint: (number) => tx`To add to ticket ${number}, simply reply to this email.`,
  templates: {
    'ticket-opened': ({ ticketNumber: n, ticketSubject, severity, data }, say) => ({
      subject: tx`Ticket received: ${ticketSubject}`,
      blocks: [
        p(tx`We have received your request and opened ticket ${n}.`),
        facts([
          ['Ticket', n], ['Subject', ticketSubject], ['Severity', say.severity(severity)],
          ['First response by', data.firstResponseDueAt && say.time(data.firstResponseDueAt)],
          ['Customer Success response by', data.cssResponseDueAt && say.time(data.cssResponseDueAt)],
        ]),
        ...(data.firstResponseDueAt || data.cssResponseDueAt ? [] : [p(tx`We will get back to you as soon as possible.`)]),
        ...(data.csm ? [p(tx`You can also reach your Customer Success Manager, ${data.csm.name}, at ${data.csm.email}.`)] : []),
      ],
    }),
    'css-ticket-opened': ({ ticketNumber: n, ticketSubject, severity, data }, say) => ({
      subject: tx`New Customer Success ticket: ${ticketSubject}`,
      blocks: [
        p(tx`A Customer Success organisation opened ticket ${n}.`),
        facts([
          ['Organisation', data.organisationId], ['Requester', data.requester], ['Subject', ticketSubject], ['Severity', say.severity(severity)],
          ['First response by', data.firstResponseDueAt && say.time(data.firstResponseDueAt)],
          ['Customer Success response by', data.cssResponseDueAt && say.time(data.cssResponseDueAt)],
        ]),
      ],
    }),
    'agent-reply': ({ ticketNumber: n, ticketSubject, data }) => ({
      subject: tx`New reply: ${ticketSubject}`,
      blocks: data.replyText ? [p(tx`Our support team replied on ticket ${n}:`), quote(data.replyText)] : [p(tx`Our support team added a reply on ticket ${n}.`)],
    }),
    'information-requested': ({ ticketNumber: n, ticketSubject, data }) => ({
      subject: tx`Information needed: ${ticketSubject}`,
      blocks: [
        p(tx`To continue on ticket ${n}, we need some information or an action from you.`),
        ...(data.comment ? [quote(data.comment)] : []),
        p(tx`Please reply to this email; the ticket is waiting for your response.`),
      ],
    }),
    'pending-reminder': ({ ticketNumber: n, ticketSubject, data }, say) => ({
      subject: data.n > 1 ? tx`Second reminder, awaiting your reply: ${ticketSubject}` : tx`Reminder, awaiting your reply: ${ticketSubject}`,
      blocks: [
        p(tx`We are still waiting for your response on ticket ${n}.`),
        ...(data.resolvesAt ? [p(tx`If we do not hear from you by ${say.time(data.resolvesAt)}, we will mark the ticket as resolved.`)] : []),
      ],
    }),
    'vendor-case-opened': ({ ticketNumber: n, ticketSubject, data }) => ({
      subject: tx`Vendor case opened: ${ticketSubject}`,
      blocks: [
        p(tx`We have opened a case with the vendor's support for ticket ${n} and will keep you updated.`),
        facts([['Vendor case number', data.vendorCaseNumber]]),
      ],
    }),
    'ticket-resolved': ({ ticketNumber: n, ticketSubject, data }, say) => ({
      subject: tx`Resolved: ${ticketSubject}`,
      blocks: [
        p(data.automatic ? tx`As we have not heard from you, ticket ${n} has been marked as resolved.` : tx`Ticket ${n} has been resolved.`),
        ...(data.solution ? [p(tx`The solution:`), quote(data.solution)] : []),
        confirmOrReopen(data.confirmWord, data.reopenWord),
        ...(data.closesAt ? [p(tx`Without a reply, the ticket will be closed on ${say.time(data.closesAt)}.`)] : []),
      ],
    }),
    'resolution-check-in': ({ ticketNumber: n, ticketSubject, data }, say) => ({
      subject: tx`Is your issue solved? ${ticketSubject}`,
      blocks: [
        p(tx`We are checking in on ticket ${n}: is the problem solved to your satisfaction?`),
        confirmOrReopen(data.confirmWord, data.reopenWord),
        ...(data.closesAt ? [p(tx`Without a reply, the ticket will be closed on ${say.time(data.closesAt)}.`)] : []),
      ],
    }),
    'ticket-closed': ({ ticketNumber: n, ticketSubject, data }) => ({
      subject: tx`Closed: ${ticketSubject}`,
      blocks: [
        p(data.reason === 'confirmed' ? tx`Thank you for confirming. Ticket ${n} is now closed.`
          : data.reason === 'no-answer' ? tx`As we have not heard from you, ticket ${n} is now closed.` : tx`Ticket ${n} is now closed.`),
        p(tx`If the problem comes back, reply to this email and we will open a new ticket linked to this one.`),
      ],
    }),
    'sla-warning': ({ ticketNumber: n, ticketSubject, severity, data }, say) => ({
      subject: tx`SLA warning (${say.target(data.target)}): ${ticketSubject}`,
      blocks: [
        p(tx`The ${say.target(data.target)} target of ticket ${n} is due soon.`),
        facts([['Ticket', n], ['Subject', ticketSubject], ['Severity', say.severity(severity)], ['Due', say.time(data.dueAt)]]),
      ],
    }),
    'sla-breached': ({ ticketNumber: n, ticketSubject, severity, data }, say) => ({
      subject: tx`SLA breached (${say.target(data.target)}): ${ticketSubject}`,
      blocks: [
        p(tx`The ${say.target(data.target)} target of ticket ${n} was missed.`),
        facts([
          ['Ticket', n], ['Subject', ticketSubject], ['Severity', say.severity(severity)], ['Was due', say.time(data.dueAt)],
          ['Tier', String(data.tier)], ['Assignee', data.assignee ?? 'unassigned'], ['Breaches on this ticket', String(data.breachCount)],
        ]),
      ],
    }),
    'attachments-refused': ({ ticketNumber: n, ticketSubject, data }) => ({
      subject: tx`Attachments not accepted: ${ticketSubject}`,
      blocks: [
        p(tx`We added your email to ticket ${n}, but could not accept these attachments:`),
        facts(data.attachments.map((a) => [a.name, REFUSED_EN[a.reason] ?? a.reason])),
        p(tx`Please send large files or programs another way (a shared link, a zip file), or ask us how.`),
      ],
    }),
    'resolution-decision-needed': ({ ticketNumber: n, ticketSubject, severity, data }, say) => ({
      subject: tx`Decision needed, the customer answered: ${ticketSubject}`,
      blocks: [
        p(tx`${data.from} answered on resolved ticket ${n} without confirming or rejecting the solution. Please decide with the customer whether to reopen it or keep it resolved.`),
        ...(data.replyText ? [quote(data.replyText)] : []),
        facts([['Ticket', n], ['Subject', ticketSubject], ['Severity', say.severity(severity)], ['Closes without an answer on', data.closesAt && say.time(data.closesAt)]]),
      ],
    }),
    'external-escalation': ({ ticketNumber: n, ticketSubject, severity, data }, say) => ({
      subject: tx`Escalated to the ${LEVEL[data.level]}: ${ticketSubject}`,
      blocks: [
        p(tx`The customer escalated ticket ${n} to the ${LEVEL[data.level]}.`),
        ...(data.reason ? [p(tx`Reason:`), quote(data.reason)] : []),
        facts([['Ticket', n], ['Subject', ticketSubject], ['Severity', say.severity(severity)]]),
      ],
    }),
  },
};
