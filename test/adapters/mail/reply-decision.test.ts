import { describe, expect, it } from 'vitest';
import { detectReplyDecision } from '../../../functions/adapters/mail/reply-decision.js';
import { detectIntent } from '../../../functions/adapters/mail/detect-intent.js';

// Replies as customers write them to "Is the problem solved?" (the new text, quotes already cut).
const CONFIRMING = [
  'Confirm', 'Confirmed, thanks!', 'Confirmed.\n\nThanks for the quick help.', 'I confirm, all good.', 'Yes, solved', 'Yes', 'yes!! thank you',
  'Yes, it works now. Thanks!', 'Works now, thank you', 'It works.', 'Everything works again, thanks a lot', 'All good, you can close it.',
  'Solved, thanks.', 'Problem solved :)', 'The issue is resolved, thank you!', 'Fixed, thanks', 'Hi,\n\nYes, the sync runs fine now.\n\nThanks,\nDana',
  'You can close the ticket.', 'Please close it, the problem is gone.', 'No more errors since Monday, please close.', 'Looks good, thanks!',
  'Back to normal. Thank you!', 'OK, thanks', 'Yep, all set.', 'Perfect, works like a charm',
  'אישור', 'אישור, תודה', 'מאשר', 'מאשרת, תודה רבה!', 'כן', 'כן, תודה', 'תודה, הבעיה נפתרה', 'נפתר, תודה רבה', 'הבעיה נפתרה',
  'שלום,\n\nהכל עובד, אפשר לסגור.\n\nתודה,\nמשה', 'עובד תקין, תודה', 'הכל תקין', 'הכל בסדר, תודה!', 'אפשר לסגור את הקריאה', 'כן, עובד עכשיו',
  'טופל, תודה', 'התקלה נעלמה, תודה רבה', 'המערכת חזרה לעבוד. תודה!', '\u200fמאשר\u200f', 'סבבה, תודה',
];

const REJECTING = [
  'Not solved', 'Not solved.', 'No, it still happens.', 'No', 'Nope, same error this morning.', 'It still fails at 02:00.', 'Still not working',
  'The problem is not solved, the error came back last night.', 'It happened again today.', 'Same error again: 0x80070005', 'Reopen please',
  'Please reopen the ticket, it is failing again.', 'Re-open', 'Unfortunately not, the job crashed again.', 'It doesn\'t work.', 'Didn\'t help, sorry.',
  'The issue persists.', 'The error is back.', 'Not fixed yet', 'It is not working', 'No luck, nothing changed.', 'Still happening, see the attached log.',
  'Hi,\n\nno, still broken.\n\nDana', 'Why does it still fail?', 'Yes, it still happens',
  'לא נפתר', 'לא נפתר.', 'הבעיה לא נפתרה', 'לא, עדיין קורה', 'לא', 'עדיין לא עובד', 'לא עובד', 'התקלה חזרה הלילה', 'השגיאה חזרה שוב',
  'זה קרה שוב הבוקר', 'לא עזר, אותה שגיאה', 'לצערי לא, זה עדיין קורס', 'נא לפתוח מחדש', 'שלום,\n\nעדיין יש שגיאה בסנכרון.\n\nתודה,\nדנה',
  'לפתוח מחדש בבקשה', 'זה לא תקין', 'הבעיה ממשיכה לקרות', 'אותה בעיה כמו קודם',
];

const OTHER = [
  '', 'Thanks', 'Thank you!', 'Thanks for the update.', 'תודה', 'תודה רבה!', 'תודה לכם', 'Many thanks, Dana',
  'It seems to work so far, I\'ll let you know tomorrow.', 'I will check tomorrow morning and update you.', 'Not yet, I\'ll test it later',
  'Is it solved on your side?', 'Confirm the restart time please?', 'Please don\'t close it yet.', 'Please do not reopen yet',
  'It works, but the report is still empty.', 'Solved, but now the export fails with a new error.', 'Maybe it is fixed, not sure.',
  'Works for me, but my colleague still sees it.', 'Who should I ask about the licence renewal?', 'Can you send me the invoice too?',
  'אבדוק מחר ואעדכן', 'נראה שעובד בינתיים', 'אל תסגרו עדיין', 'עובד חלקית', 'מי אחראי על זה אצלכם?', 'אולי נפתר, לא בטוח',
  'No problem, thanks!', 'No worries', 'אין בעיה, תודה',
  'Hi,\n\nI restarted the sync service as you suggested and the error hasn\'t come back so far.\nThe nightly job runs at 02:00, I\'ll let you know tomorrow morning.\n\nThanks,\nDana',
];

describe('R-CLOSE-2: a reply that plainly confirms the resolution closes it (Hebrew and English)', () => {
  it('the table has at least 30 confirming phrasings', () => expect(CONFIRMING.length).toBeGreaterThanOrEqual(30));
  it.each(CONFIRMING)('%j confirms', (text) => {
    expect(detectReplyDecision(text)).toBe('confirm');
    expect(detectIntent(text)).toBe('confirm');
  });
});

describe('R-CLOSE-2: a reply that plainly rejects the resolution reopens it (Hebrew and English)', () => {
  it('the table has at least 30 rejecting phrasings', () => expect(REJECTING.length).toBeGreaterThanOrEqual(30));
  it.each(REJECTING)('%j rejects', (text) => {
    expect(detectReplyDecision(text)).toBe('reject');
    expect(detectIntent(text)).toBe('reopen');
  });
});

describe('R-CLOSE-2: any other reply is for the assignee to decide; thanks alone never rejects', () => {
  it.each(OTHER)('%j is other', (text) => {
    expect(detectReplyDecision(text)).toBe('other');
    expect(detectIntent(text)).toBeNull();
  });

  it('a long message is decided by its first line only', () => {
    const note = 'By the way, '.concat('the quarterly report of the finance team takes very long to load in the morning. '.repeat(3));
    expect(detectReplyDecision(`Confirmed.\n${note}`)).toBe('confirm');
    expect(detectReplyDecision(`Still failing.\n${note}`)).toBe('reject');
    expect(detectReplyDecision(`Hello,\n${note}\nIt works now.`)).toBe('other');
  });
});
