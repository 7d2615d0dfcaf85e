/**
 * R-CLOSE-2: what a customer's reply to a resolved ticket says, in Hebrew or English: a plain
 * confirmation, a plain rejection, or anything else (for an agent to read). Thanks alone is
 * never a rejection; a question, a hedge ("so far", "I'll check tomorrow") or a mixed answer
 * is "other". Phrases are matched on normalised clauses (lowercase, no bidi marks, punctuation
 * as spaces), each pattern an alternation of literals between spaces: linear in the text.
 */

export type ReplyDecision = 'confirm' | 'reject' | 'other';

const BIDI_MARKS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Lowercase, no bidi marks, punctuation (Hebrew geresh and maqaf too) turned into spaces, spaces collapsed. */
export const normalisePhrase = (text: string): string =>
  text.replace(BIDI_MARKS, '').toLowerCase().replace(/[\p{P}\p{S}]+/gu, ' ').replace(/\s+/g, ' ').trim();

// A Hebrew word may carry the prefixes ו (and), ש (that), כש (when), ה (the).
const HE = '(?:ו|ש|כש|וכש|וש|ה|וה)?';
const phrase = (...alternatives: string[]) => new RegExp(`(?:^| )(?:${alternatives.join('|')})(?= |$)`, 'u');

const CONFIRM_WORDS = [
  'solved', 'resolved', 'fixed', 'sorted', 'works', 'working', 'worked', 'ok', 'okay', 'fine', 'good', 'gone', 'better',
  `${HE}נפתר`, `${HE}נפתרה`, `${HE}נפתרו`, `${HE}עובד`, `${HE}עובדת`, `${HE}עובדים`, `${HE}תקין`, `${HE}תקינה`, `${HE}טופל`, `${HE}טופלה`,
  `${HE}מסודר`, `${HE}הסתדר`, `${HE}הסתדרה`, 'בסדר',
];

/** Phrases that would mislead the lists below, removed first: "no problem", "don't reopen", "came back to work". */
const NEUTRAL = phrase(
  'no problem', 'no problems', 'no worries', 'no need', 'no rush', 'not a problem', 'not an issue',
  'do not reopen', 'don t reopen', 'dont reopen', 'no need to reopen', 'אין בעיה', 'אין צורך', 'אין צורך לפתוח מחדש', 'לא צריך לפתוח',
  'thanks', 'thank you', 'thank you very much', 'thanks a lot', 'many thanks', 'thx', 'ty', 'תודה', 'תודה רבה', 'תודה לכם', 'תודה לך', 'תודה רבה לכם',
);

/** A plain "it is not solved", "it still happens", "reopen" in English or Hebrew. */
const REJECT = phrase(
  `(?:not|never|לא|אינו|אינה|אין) (?:yet |really |fully |completely |quite |עדיין |ממש |באמת |לגמרי )?(?:${CONFIRM_WORDS.join('|')})`,
  '(?:is|was|has|have|are|were)(?: not|n t| n t|nt) (?:been )?(?:solved|resolved|fixed|sorted|working|gone)',
  '(?:does|did|do|doesnt|didnt|dont)(?: not|n t| n t|nt)? (?:work|help|fix it|seem to work|seem to help|change anything)',
  'doesn t work', 'didn t work', 'didn t help', 'doesn t help', 'won t work', 'can t log in', 'cannot log in',
  'still (?:happens|happening|fail|failing|fails|failed|broken|not(?: [^ ]{1,30})?|no longer [^ ]{1,30}|crash|errors|an issue|a problem|the same|there|occurs|occurring|crashing|crashes|down|get|getting|see|seeing|have|has|having|shows|showing|no|does|doing|stuck|slow|an error|the error|error|get the error)',
  '(?:happened|happens|happening|failed|fails|failing|crashed|crashes|broke|occurred|occurs|stopped) again',
  '(?:came|comes|is|it s) back', 'again the same', 'same (?:error|problem|issue|thing)', 'no change', 'nothing changed', 'no luck', 'no improvement',
  '(?:problem|issue|error|bug|fault) (?:persists|remains|continues|is back|returned|came back|reappeared|is still there)', 'persists',
  'reopen', 're open', 'please reopen', 'open it again', 'no longer works', 'unfortunately not', 'nope', 'not really',
  `${HE}(?:הבעיה|התקלה|השגיאה) (?:חזרה|נמשכת|ממשיכה|קיימת|עדיין|לא נפתרה|לא נעלמה|חוזרת)`, 'עדיין (?:קורה|יש|מופיע|מופיעה|תקוע|נופל|נופלת|לא(?: [^ ]{1,30})?|אותה|אותו|קיים|קיימת|חוזר|חוזרת|קורס|קורסת|שגיאה|תקלה)',
  `${HE}(?:חזר|חזרה|חוזרת|חוזר) (?:שוב|על עצמה|על עצמו)`, '(?:קרה|קורה|נפל|נופל|נתקע|קרס) שוב', 'שוב (?:קרה|קורה|נופל|לא|נתקע|אותה)',
  `${HE}(?:התקלה|הבעיה|השגיאה) חזרה`, 'חזרה התקלה', 'חזרה הבעיה', 'לא עזר', 'לא עזרה', 'לא עזרו', 'לפתוח מחדש', 'לפתוח שוב', 'תפתחו מחדש', 'פתחו מחדש',
  'אותה שגיאה', 'אותה בעיה', 'אותה תקלה', 'ממשיך לקרות', 'ממשיכה לקרות', 'לא הסתדר', 'אין שינוי', 'ללא שינוי', 'לצערי לא', 'נפתחה מחדש',
);

const REJECT_ALL = new RegExp(REJECT.source, 'gu');

/** A plain "yes, solved", "confirmed", "you can close it". */
const CONFIRM = phrase(
  'confirm', 'confirmed', 'i confirm', 'confirming', ...CONFIRM_WORDS.filter((w) => !['ok', 'okay', 'fine', 'good', 'gone', 'better', 'בסדר'].includes(w)),
  'all good', 'all set', 'all fine', 'all ok', 'is fine now', 'fine now', 'good now', 'ok now', 'okay now', 'looks good', 'back to normal',
  'no more (?:errors|issues|problems|crashes|error)', 'problem gone', 'issue gone', 'problem is gone', 'issue is gone', 'error is gone', 'everything is fine',
  'everything is ok', 'everything works', '(?:you |we )?(?:can|may) close', 'please close', 'close (?:it|the ticket|this ticket|the case|the issue)',
  'go ahead and close', 'it s fine', 'it is fine', 'perfect', 'works like a charm', 'problem fixed', 'issue fixed',
  'אישור', 'מאשר', 'מאשרת', 'מאשרים', 'מאושר', 'הכל תקין', 'הכול תקין', 'הכל בסדר', 'הכול בסדר', 'הכל עובד', 'הכול עובד',
  `${HE}(?:אפשר|ניתן) לסגור`, 'לסגור', 'סגרו', 'תסגרו', 'חזר לעבוד', 'חזרה לעבוד', 'חזר לפעול', 'הבעיה נעלמה', 'התקלה נעלמה', 'השגיאה נעלמה', 'מעולה עובד',
);

/** A bare "yes" or "כן": a confirmation, but weaker than a rejection in the same reply. */
const YES = phrase('yes', 'yep', 'yeah', 'yup', 'yes please', 'ok', 'okay', 'כן', 'כן כן', 'אוקיי', 'סבבה');
/** A reply that starts with "No" or "לא" answers "is it solved?". */
const LEADING_NO = /^(?:no|לא)(?: |$)(?!more |longer |need |problem|worries)/u;

/** Words that make a confirmation uncertain or conditional: the agent decides. */
const HEDGE = phrase(
  'so far', 'for now', 'for the moment', 'seems', 'seem', 'i think', 'maybe', 'probably', 'hopefully', 'let you know', 'i ll', 'will check',
  'will test', 'will see', 'will update', 'will confirm', 'will let', 'tomorrow', 'later', 'not sure', 'don t close', 'do not close', 'dont close',
  'keep it open', 'keep open', 'leave it open', 'wait', 'but', 'except', 'however', 'although', 'partially', 'partly', 'almost', 'mostly', 'if',
  'not yet', 'yet', 'in the meantime', 'meanwhile', 'still testing', 'still checking', 'monitor', 'monitoring', 'keep an eye',
  'לא בטוח', 'לא בטוחה', 'נראה', 'נראה ש', 'כנראה', 'אולי', 'בינתיים', 'עד עכשיו', 'עד כה', 'נבדוק', 'אבדוק', 'אעדכן', 'נעדכן', 'מחר', 'אחר כך',
  'אל תסגרו', 'לא לסגור', 'אל תסגור', 'אבל', 'חוץ מ', 'חוץ', 'חלקית', 'כמעט', 'נחכה', 'נמתין', 'עדיין בודק', 'עדיין בודקת', 'עדיין בודקים', 'אם', 'לעת עתה',
);

const GREETING_WORDS = /^(?:hi|hello|hey|dear|good morning|good afternoon|good evening|שלום|היי|הי|שלום רב|בוקר טוב|ערב טוב|צהריים טובים)(?: |$)/u;
/** "Hi", "Hello Dana", "Dear support team", "שלום רב": a greeting word and at most three more. */
const GREETING = { test: (words: string) => GREETING_WORDS.test(words) && words.split(' ').length <= 4 };
const CLOSING = /^(?:thanks|thank you|thanks again|many thanks|regards|best regards|kind regards|best|cheers|br|בברכה|תודה|תודה רבה|תודה לכם|בתודה|תודה מראש)(?: [^ ]+)?$/u;

/** Every pattern of this file, for the linear-pattern check (test/adapters/mail/regex-safety.test.ts). */
export const DECISION_PATTERNS = { NEUTRAL, REJECT, CONFIRM, YES, LEADING_NO, HEDGE, GREETING_WORDS, CLOSING, BIDI_MARKS };

/** Above this many words after greeting and closing, a reply is a message for an agent, decided by its first line only. */
const MAX_DECIDING_WORDS = 30;
const MAX_DECIDING_CHARS = 2_000;

type Signals = { reject: boolean; confirm: boolean; yes: boolean; hedge: boolean };

function signalsOf(text: string): Signals {
  const signals: Signals = { reject: false, confirm: false, yes: false, hedge: false };
  // each sentence on its own: a question never confirms ("Is it solved?"), but may still reject ("Why does it still fail?")
  const clauses = text.split(/(?<=[.!?;\n])/);
  clauses.forEach((clause, index) => {
    const question = clause.trimEnd().endsWith('?');
    let words = normalisePhrase(clause);
    for (let i = 0; i < 8 && NEUTRAL.test(words); i++) words = words.replace(NEUTRAL, ' ').replace(/\s+/g, ' ').trim();
    if (words === '') return;
    if (REJECT.test(words) || (index === 0 && !question && LEADING_NO.test(words))) signals.reject = true;
    words = words.replace(REJECT_ALL, ' ').trim(); // "not solved" is no "solved"
    if (HEDGE.test(words)) signals.hedge = true;
    if (question) { if (!signals.reject) signals.hedge = true; return; }
    if (CONFIRM.test(words)) signals.confirm = true;
    else if (YES.test(words)) signals.yes = true;
  });
  return signals;
}

function decide({ reject, confirm, yes, hedge }: Signals): ReplyDecision {
  if (reject) return confirm ? 'other' : 'reject'; // "yes, it still fails" rejects; "solved, but the report still fails" is for the agent
  if ((confirm || yes) && !hedge) return 'confirm';
  return 'other';
}

/** The reply's lines without a greeting above and a closing ("Thanks, Dana") below. */
function body(text: string): string[] {
  const lines = text.slice(0, MAX_DECIDING_CHARS).split(/\r?\n/).map((line) => line.trim()).filter((line) => normalisePhrase(line) !== '');
  let start = 0;
  while (start < lines.length && GREETING.test(normalisePhrase(lines[start]!))) start++;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    if (CLOSING.test(normalisePhrase(lines[i]!)) && lines.length - i <= 4) { end = i; break; }
  }
  return lines.slice(start, end);
}

/**
 * R-CLOSE-2: whether a reply plainly confirms the resolution, plainly rejects it, or says
 * anything else. Edge cases: an empty reply and "thanks" alone are "other"; a first line that
 * decides on its own ("Confirmed." over a long note) decides; a long reply otherwise is "other".
 */
export function detectReplyDecision(newReplyText: string): ReplyDecision {
  const lines = body(newReplyText);
  if (!lines.length) return 'other';
  const whole = lines.join('\n');
  const wordCount = normalisePhrase(whole).split(' ').length;
  return decide(signalsOf(wordCount > MAX_DECIDING_WORDS ? lines[0]! : whole));
}
