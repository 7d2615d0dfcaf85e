import type { ReportWording } from './report-email.js';
import { tx } from './wording.js';

const KIND = { 'on-request': 'דוח פניות', weekly: 'דוח פניות שבועי', monthly: 'דוח פניות חודשי' } as const;

/** Hebrew wording of the ticket report (R-RPT-1, R-RPT-2); labels with a colon, so no number has to agree with a verb. */
export const REPORT_HE: ReportWording = {
  subject: (frequency, organisation, period) => [KIND[frequency], ...tx` עבור ${organisation}: ${period}`],
  greeting: (name) => tx`שלום ${name},`,
  intro: (organisation, period) => tx`להלן דוח הפניות של ${organisation} לתקופה ${period}.`,
  totals: (t, duration) => [
    `פניות: ${t.tickets} (נפתחו בתקופה: ${t.openedInPeriod}, נסגרו בתקופה: ${t.closedInPeriod}). `,
    `יעדי SLA: עמדו ביעד ${t.targetsMet}, חריגות ${t.targetsBreached}. זמן טיפול: ${duration(t.workMinutes)}.`,
  ],
  empty: (organisation) => tx`לא היו פניות של ${organisation} בתקופה זו.`,
  note: ['הסטטוס נכון להיום; זמן הטיפול כולל את העבודה שבוצעה בתקופה זו.'],
  frequency: { 'on-request': null, weekly: ['דוח זה נשלח אליכם מדי שבוע.'], monthly: ['דוח זה נשלח אליכם מדי חודש.'] },
  columns: {
    number: 'פנייה', subject: 'נושא', status: 'סטטוס', severity: 'חומרה',
    opened: 'נפתחה', closed: 'נסגרה', firstResponse: 'מענה ראשון', timeSpent: 'זמן טיפול',
  },
  status: {
    new: 'חדשה', 'in-progress': 'בטיפול', 'pending-customer': 'ממתינה ללקוח', 'pending-vendor': 'ממתינה ליצרן',
    resolved: 'נפתרה', closed: 'סגורה',
  },
  severity: { urgent: 'דחוף', high: 'גבוה', normal: 'רגיל' }, // as in templates.ts
  outcome: { met: 'עמד ביעד', breached: 'חריגה', running: 'פעיל', stopped: 'הופסק' },
  duration: (minutes) => {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return h === 0 ? `${m} דק׳` : m === 0 ? `${h} שע׳` : `${h} שע׳ ${m} דק׳`;
  },
  dayMonth: ({ day, month }) => `${day} ב${month}`, // "30 ביוני", as formatInstant writes it
  signOff: ['בברכה,', 'צוות התמיכה'],
};
