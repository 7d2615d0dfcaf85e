import { actions, p, facts, quote, tx, type Block, type WordingTable } from './wording.js';

// R-CLOSE-2: two links that need no typing, in Hebrew; the words in the fallback are Hebrew too,
// and the inbound handler understands them ("אישור", "לא נפתר"), so nobody is asked to type English.
const confirmOrReopen = (): Block => actions(
  { label: 'כן, הבעיה נפתרה: סגרו את הפנייה', subject: 'אישור: הבעיה נפתרה' },
  { label: 'לא, הבעיה לא נפתרה', subject: 'הבעיה לא נפתרה' },
  tx`בחרו אחת מהאפשרויות: כל קישור פותח מייל מוכן לשליחה, בלי להקליד דבר. כדי לספר לנו עוד, פשוט השיבו למייל זה.`,
  tx`אם הבעיה נפתרה, השיבו למייל זה במילה "${'אישור'}" ונסגור את הפנייה. אם לא, השיבו "${'לא נפתר'}" וספרו לנו מה עדיין לא תקין.`,
);

const REFUSED_HE: Record<string, string> = {
  'too-large': 'גדול מדי', 'too-many': 'יותר מדי קבצים מצורפים במייל אחד', 'type-not-allowed': 'סוג קובץ שאיננו מקבלים (תוכנה או סקריפט)',
};

const LEVEL = { hos: 'ראש מערך התמיכה', cco: 'מנהל הלקוחות הראשי (CCO)' } as const;

/** Hebrew wording (the layout sets `dir="rtl"`), addressed in the plural as Israeli business mail is. */
export const HE: WordingTable = {
  greeting: (name) => tx`שלום ${name},`,
  signOff: ['בברכה,', 'צוות התמיכה'],
  replyHint: (number) => tx`להוספת מידע לפנייה ${number}, פשוט השיבו למייל זה.`,
  templates: {
    'ticket-opened': ({ ticketNumber: n, ticketSubject, severity, data }, say) => ({
      subject: tx`הפנייה התקבלה: ${ticketSubject}`,
      blocks: [
        p(tx`קיבלנו את פנייתכם ופתחנו את פנייה מספר ${n}.`),
        facts([
          ['מספר פנייה', n], ['נושא', ticketSubject], ['חומרה', say.severity(severity)],
          ['מענה ראשון עד', data.firstResponseDueAt && say.time(data.firstResponseDueAt)],
          ['מענה Customer Success עד', data.cssResponseDueAt && say.time(data.cssResponseDueAt)],
        ]),
        ...(data.firstResponseDueAt || data.cssResponseDueAt ? [] : [p(tx`נחזור אליכם בהקדם האפשרי.`)]),
        ...(data.csm ? [p(tx`ניתן לפנות גם למנהל הצלחת הלקוח שלכם, ${data.csm.name}, בכתובת ${data.csm.email}.`)] : []),
      ],
    }),
    'css-ticket-opened': ({ ticketNumber: n, ticketSubject, severity, data }, say) => ({
      subject: tx`פנייה חדשה של לקוח Customer Success: ${ticketSubject}`,
      blocks: [
        p(tx`ארגון עם חבילת Customer Success פתח את פנייה ${n}.`),
        facts([
          ['ארגון', data.organisationId], ['פונה', data.requester], ['נושא', ticketSubject], ['חומרה', say.severity(severity)],
          ['מענה ראשון עד', data.firstResponseDueAt && say.time(data.firstResponseDueAt)],
          ['מענה Customer Success עד', data.cssResponseDueAt && say.time(data.cssResponseDueAt)],
        ]),
      ],
    }),
    'agent-reply': ({ ticketNumber: n, ticketSubject, data }) => ({
      subject: tx`תגובה חדשה: ${ticketSubject}`,
      blocks: data.replyText ? [p(tx`צוות התמיכה השיב בפנייה ${n}:`), quote(data.replyText)] : [p(tx`צוות התמיכה הוסיף תגובה בפנייה ${n}.`)],
    }),
    'information-requested': ({ ticketNumber: n, ticketSubject, data }) => ({
      subject: tx`נדרש מידע: ${ticketSubject}`,
      blocks: [
        p(tx`כדי להמשיך לטפל בפנייה ${n}, אנו זקוקים למידע או לפעולה מצדכם.`),
        ...(data.comment ? [quote(data.comment)] : []),
        p(tx`נא השיבו למייל זה; הפנייה ממתינה לתגובתכם.`),
      ],
    }),
    'pending-reminder': ({ ticketNumber: n, ticketSubject, data }, say) => ({
      subject: data.n > 1 ? tx`תזכורת שנייה, ממתינים לתגובתכם: ${ticketSubject}` : tx`תזכורת, ממתינים לתגובתכם: ${ticketSubject}`,
      blocks: [
        p(tx`אנו עדיין ממתינים לתגובתכם בפנייה ${n}.`),
        ...(data.resolvesAt ? [p(tx`אם לא נשמע מכם עד ${say.time(data.resolvesAt)}, הפנייה תסומן כפתורה.`)] : []),
      ],
    }),
    'vendor-case-opened': ({ ticketNumber: n, ticketSubject, data }) => ({
      subject: tx`נפתחה קריאה אצל היצרן: ${ticketSubject}`,
      blocks: [
        p(tx`פתחנו קריאה במוקד התמיכה של היצרן בנוגע לפנייה ${n}, ונעדכן אתכם בהתקדמות.`),
        facts([['מספר הקריאה אצל היצרן', data.vendorCaseNumber]]),
      ],
    }),
    'ticket-resolved': ({ ticketNumber: n, ticketSubject, data }, say) => ({
      subject: tx`הפנייה נפתרה: ${ticketSubject}`,
      blocks: [
        p(data.automatic ? tx`מכיוון שלא קיבלנו מכם תגובה, פנייה ${n} סומנה כפתורה.` : tx`פנייה ${n} נפתרה.`),
        ...(data.solution ? [p(tx`הפתרון:`), quote(data.solution)] : []),
        confirmOrReopen(),
        ...(data.closesAt ? [p(tx`אם לא נקבל תגובה, הפנייה תיסגר במועד: ${say.time(data.closesAt)}.`)] : []),
      ],
    }),
    'resolution-check-in': ({ ticketNumber: n, ticketSubject, data }, say) => ({
      subject: tx`האם הבעיה נפתרה? ${ticketSubject}`,
      blocks: [
        p(tx`רצינו לוודא שהבעיה בפנייה ${n} נפתרה לשביעות רצונכם.`),
        confirmOrReopen(),
        ...(data.closesAt ? [p(tx`אם לא נקבל תגובה, הפנייה תיסגר במועד: ${say.time(data.closesAt)}.`)] : []),
      ],
    }),
    'ticket-closed': ({ ticketNumber: n, ticketSubject, data }) => ({
      subject: tx`הפנייה נסגרה: ${ticketSubject}`,
      blocks: [
        p(data.reason === 'confirmed' ? tx`תודה על האישור. פנייה ${n} נסגרה.`
          : data.reason === 'no-answer' ? tx`מכיוון שלא קיבלנו מכם תגובה, פנייה ${n} נסגרה.` : tx`פנייה ${n} נסגרה.`),
        p(tx`אם הבעיה חוזרת, השיבו למייל זה ונפתח פנייה חדשה המקושרת לפנייה זו.`),
      ],
    }),
    'sla-warning': ({ ticketNumber: n, ticketSubject, severity, data }, say) => ({
      subject: tx`התראת SLA (${say.target(data.target)}): ${ticketSubject}`,
      blocks: [
        p(tx`מועד היעד "${say.target(data.target)}" בפנייה ${n} מתקרב.`),
        facts([['פנייה', n], ['נושא', ticketSubject], ['חומרה', say.severity(severity)], ['מועד', say.time(data.dueAt)]]),
      ],
    }),
    'sla-breached': ({ ticketNumber: n, ticketSubject, severity, data }, say) => ({
      subject: tx`חריגת SLA (${say.target(data.target)}): ${ticketSubject}`,
      blocks: [
        p(tx`היעד "${say.target(data.target)}" בפנייה ${n} לא עמד בזמן.`),
        facts([
          ['פנייה', n], ['נושא', ticketSubject], ['חומרה', say.severity(severity)], ['המועד היה', say.time(data.dueAt)],
          ['שכבת תמיכה', String(data.tier)], ['מטפל', data.assignee ?? 'לא שויך'], ['חריגות בפנייה', String(data.breachCount)],
        ]),
      ],
    }),
    'attachments-refused': ({ ticketNumber: n, ticketSubject, data }) => ({
      subject: tx`קבצים מצורפים שלא התקבלו: ${ticketSubject}`,
      blocks: [
        p(tx`הוספנו את המייל שלכם לפנייה ${n}, אך לא יכולנו לקבל את הקבצים המצורפים האלה:`),
        facts(data.attachments.map((a) => [a.name, REFUSED_HE[a.reason] ?? a.reason])),
        p(tx`נא שלחו קבצים גדולים או תוכנות בדרך אחרת (קישור לשיתוף, קובץ zip), או שאלו אותנו איך.`),
      ],
    }),
    'resolution-decision-needed': ({ ticketNumber: n, ticketSubject, severity, data }, say) => ({
      subject: tx`נדרשת החלטה, הלקוח השיב: ${ticketSubject}`,
      blocks: [
        p(tx`${data.from} השיב/ה על פנייה ${n} שסומנה כפתורה, בלי לאשר או לדחות את הפתרון. נא להחליט עם הלקוח אם לפתוח אותה מחדש או להשאיר אותה פתורה.`),
        ...(data.replyText ? [quote(data.replyText)] : []),
        facts([['פנייה', n], ['נושא', ticketSubject], ['חומרה', say.severity(severity)], ['תיסגר ללא תגובה במועד', data.closesAt && say.time(data.closesAt)]]),
      ],
    }),
    'external-escalation': ({ ticketNumber: n, ticketSubject, severity, data }, say) => ({
      subject: tx`הסלמה ל${LEVEL[data.level]}: ${ticketSubject}`,
      blocks: [
        p(tx`הלקוח הסלים את פנייה ${n} ל${LEVEL[data.level]}.`),
        ...(data.reason ? [p(tx`הסיבה:`), quote(data.reason)] : []),
        facts([['פנייה', n], ['נושא', ticketSubject], ['חומרה', say.severity(severity)]]),
      ],
    }),
  },
};
