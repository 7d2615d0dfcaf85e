/**
 * How common clients mark where quoted history, forwarded mail and signatures start, as data.
 * Tested against a line with bidi marks removed and trimmed (Hebrew Gmail wraps names and
 * addresses in them), never longer than MAX_MARKER_LINE.
 *
 * Linear by construction: every pattern is anchored at one end and has no two unbounded
 * quantifiers over overlapping classes, so a test costs at most one pass over its line
 * (test/adapters/mail/regex-safety.test.ts checks the star height of each one).
 */

export const BIDI_MARKS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** No client writes a quote header longer than this; a longer line is text, and never tested. */
export const MAX_MARKER_LINE = 400;

/** Marks that html-to-text puts in front of lines it knows are quote headers (never typed text). */
export const ATTRIBUTION_MARK = '\u0001';
export const CUT_MARK = '\u0002';

/**
 * The verbs that end an attribution, after the name: "… wrote:", "… a écrit :", "… escribió:",
 * "… ha scritto:", "… escreveu:", "… napisał(a):", "… pisze:", "… написал(а):", "… пишет:",
 * Apple's Dutch "… het volgende geschreven:", Hebrew "… כתב/ה:", and Zoho's "---- On … wrote ----".
 */
export const ATTRIBUTION_END =
  /(?:^|[\s,)>\]"])(?:wrote|a écrit|écrit|escribió|ha scritto|scrisse|escreveu|schreef|schrieb|geschreven|napisał\(a\)|napisała|napisał|pisze|написал\(а\)|написала|написал|пишет|kirjoitti|כתב\/ה|כתב\\ה|כתבה|כתב)[ \u00a0]?:?$/i;

/** A verb before the name that ends with a colon: "Am … schrieb Name <a@b>:", "Op … schreef …:", "Den … skrev …:", "בתאריך … מאת …:". */
export const ATTRIBUTION_VERB_FIRST = /(?:^|\s)(?:schrieb|schreef|skrev|מאת)\s/i;

/** How an attribution starts in the clients we know ("On", "Le", "Am", "El", "Il giorno", "Em", "Op", "Den", "W dniu", a date). */
export const ATTRIBUTION_START =
  /^(?:-{2,}\s?)?(?:On|Le|Am|El|Il|Em|No dia|Às|Op|Den|W dniu|Dnia|Wiadomość napisana przez|בתאריך|ב-?\d|\d|[\p{L}]{2,5}\.?,? \d)/iu;

/** Where a date or a time is: every attribution with a strict form names one. */
export const HAS_DIGIT = /\d/;

/** Gmail's forms without a verb: "2014-03-20 8:48 GMT+01:00 Name <a@b>:", Russian "вт, 4 июн. 2024 г. в 09:12, Name <a@b>:". */
export const ATTRIBUTION_ADDRESS_END = /<[^<>\s@]{1,200}@[^<>\s]{1,200}>\)?:$/;
export const HAS_TIME = /\d[:.]\d\d/;

/** Mutt's and slrn's "* Name <a@b> [2024-06-04 09:12]:" */
export const ATTRIBUTION_BRACKET_DATE = /^\* [^\[\]]{1,200} \[\d{4}-\d\d-\d\d[^\[\]]{0,30}\]:$/;

/** Any "… wrote:" line without a date, trusted only when quoted (`>`) lines follow it. */
export const LOOSE_ATTRIBUTION = ATTRIBUTION_END;

/** Where a line may start an attribution glued to the end of the reply ("Works now. On … wrote:"). */
export const MIDLINE_ATTRIBUTION_START = /\s(?=(?:On|Le|Am|El|Il|Em|Op|Den|W dniu|בתאריך|ב-\d)\s)/giu;

/** Outlook's and Thunderbird's separators above a quoted message, in the languages we meet. */
export const ORIGINAL_MESSAGE =
  /^-{2,}\s?(?:Original Message|Message d'origine|Ursprüngliche Nachricht|Mensaje original|Messaggio originale|Mensagem original|Oorspronkelijk bericht|Origineel bericht|Wiadomość oryginalna|Oprindelig meddelelse|Opprinnelig melding|Ursprungligt meddelande|Исходное сообщение|Пересланное сообщение|הודעה מקורית)\s?-{2,}$/i;

/** The start of forwarded mail, whose content is part of what the sender wants us to read. */
export const FORWARD_MARKERS: readonly RegExp[] = [
  // Gmail, Thunderbird, Outlook.com: "---------- Forwarded message ---------" in their languages
  /^-{2,}\s?(?:Forwarded message|Forwarded Message|Message transféré|Weitergeleitete Nachricht|Mensaje reenviado|Messaggio inoltrato|Mensagem encaminhada|Doorgestuurd bericht|Wiadomość przekazana dalej|Przekazana wiadomość|Videresendt meddelelse|Videresendt melding|Vidarebefordrat meddelande|Пересылаемое сообщение|הודעה שהועברה|ההודעה שהועברה)\s?-{2,}$/i,
  // Apple Mail: "Begin forwarded message:" in its languages
  /^(?:Begin forwarded message|Début du message réexpédié|Début du message transféré|Anfang der weitergeleiteten Nachricht|Inicio del mensaje reenviado|Inizio messaggio inoltrato|Início da mensagem reencaminhada|Início da mensagem encaminhada|Doorgestuurd bericht|Początek przekazywanej wiadomości|Videresendt besked|Videresendt melding|Vidarebefordrat mejl|Начало переадресованного сообщения|תחילת הודעה שהועברה)\s?:$/i,
];

/** A subject that says the message is a forward: "Fwd:", "FW:", "WG:", "TR:", "RV:", "I:", "Doorst:", "PD:", "VS:", "ENC:", "Пересл:", "הועבר:", "העבר:". */
export const FORWARD_SUBJECT = /^\s?(?:\[[^\]]{0,40}\]\s?)?(?:fwd?|wg|tr|rv|enc|i|doorst|pd|vs|vb|vl|fs|пересл|הועבר|העבר)\s?:/i;

export const SEPARATOR_LINE = /^_{10,}$/;

const FROM_LABELS = 'From|De|Von|Van|Od|Da|Fra|Från|От|מאת|Lähettäjä';
const SENT_LABELS = 'Sent|Date|Envoyé|Gesendet|Datum|Verzonden|Enviado|Enviada em|Fecha|Inviato|Data|Wysłano|Sendt|Skickat|Отправлено|Дата|Lähetetty|נשלח|תאריך';
const TO_LABELS = 'To|À|A|An|Aan|Para|Per|Do|Til|Till|Кому|Vastaanottaja|אל';
const SUBJECT_LABELS = 'Subject|Objet|Betreff|Onderwerp|Asunto|Oggetto|Assunto|Temat|Emne|Ämne|Тема|Aihe|נושא';
// `From:`, `*From:*` (html-to-text bolds it), French `De :` with a (no-break) space before the colon
const label = (labels: string) => new RegExp(`^\\*?(?:${labels})[ \\u00a0]?\\*?:`, 'iu');
const inLine = (labels: string) => new RegExp(`\\s\\*?(?:${labels})[ \\u00a0]?\\*?:`, 'iu');

/** Which header label a line starts with, one test per line: `from`, `sent`, `to` or `subject`. */
export type HeaderLabel = 'from' | 'sent' | 'to' | 'subject';
const LABEL_KINDS = new Map<string, HeaderLabel>(([['from', FROM_LABELS], ['sent', SENT_LABELS], ['to', TO_LABELS], ['subject', SUBJECT_LABELS]] as const)
  .flatMap(([kind, labels]) => labels.split('|').map((l) => [l.toLowerCase(), kind] as const)));
/** A map look-up of the words before the first colon (`*From:*`, `De :`, `Enviada em:`): no pattern runs on every line. */
export const headerLabelOf = (line: string): HeaderLabel | undefined => {
  const colon = line.indexOf(':');
  if (colon < 1 || colon > 40) return undefined;
  let head = line.slice(0, colon);
  if (head.startsWith('*')) head = head.slice(1);
  if (head.endsWith('*')) head = head.slice(0, -1);
  if (head.endsWith(' ') || head.endsWith('\u00a0')) head = head.slice(0, -1);
  return LABEL_KINDS.get(head.toLowerCase());
};

/** Outlook's "From: / Sent: / To: / Subject:" block in the languages we meet; Apple's and Thunderbird's have Date: instead of Sent:. */
export const HEADER_BLOCK = {
  from: new RegExp(`^\\*?(?:${FROM_LABELS})[ \\u00a0]?\\*?:\\*?\\s?\\S`, 'iu'),
  sent: label(SENT_LABELS),
  to: label(TO_LABELS),
  subject: label(SUBJECT_LABELS),
  /** a whole block on one line (mailparser reads some HTML that way): each label searched on its own, from left to right */
  inLineSent: inLine(SENT_LABELS),
  inLineTo: inLine(TO_LABELS),
  inLineSubject: inLine(SUBJECT_LABELS),
  /** kept for callers of the first version: the one-line form of the English and Hebrew block */
  oneLine: /^\*?(?:From|מאת)\s?:.{0,400}?\s(?:Sent|נשלח)\s?:.{0,400}?\s(?:Subject|נושא)\s?:/i,
  /** how far below `From:` the `Subject:` line may be (To, Cc, Importance sit between) */
  span: 8,
};

/** Lines that start a signature: everything from there on goes. Whole-line matches only. */
export const SIGNATURES: readonly RegExp[] = [
  /^--\s?$/, // RFC 3676 sig-dash "-- " (some clients trim the space)
  /^Sent from my [\p{L}\p{N} .'’-]{1,40}$/iu, // iPhone, iPad, Android, Galaxy
  /^Sent from (?:Outlook|Mail|Yahoo Mail|Gmail|Proton Mail|Zoho Mail)(?: (?:for|on) [\p{L}\p{N} ]{1,20})?\.?\s?(?:<[^<>\s]{0,200}>)?$/iu,
  /^Sent with Proton Mail[\p{L}\p{N} .]{0,40}$/iu,
  /^Get Outlook for (?:iOS|Android)\s?(?:<[^<>\s]{0,200}>)?$/i,
  /^(?:Envoyé de mon|Envoyé depuis mon|Envoyé à partir de) [\p{L}\p{N} .'’-]{1,40}$/iu,
  /^Von meinem [\p{L}\p{N} .'’-]{1,40} gesendet\.?$/iu,
  /^Gesendet von (?:meinem )?[\p{L}\p{N} .'’-]{1,40}$/iu,
  /^Enviado (?:desde|do|de) (?:mi|meu|o meu|my)? ?[\p{L}\p{N} .'’-]{1,40}$/iu,
  /^Inviato da(?:l mio)? [\p{L}\p{N} .'’-]{1,40}$/iu,
  /^(?:Verstuurd|Verzonden) (?:vanaf|met) (?:mijn )?[\p{L}\p{N} .'’-]{1,40}$/iu,
  /^Wysłane z (?:mojego )?[\p{L}\p{N} .'’-]{1,40}$/iu,
  /^(?:Sendt fra|Skickat från) (?:min |mi )?[\p{L}\p{N} .'’-]{1,40}$/iu,
  /^Отправлено с (?:моего )?[\p{L}\p{N} .'’-]{1,40}$/iu,
  /^נשלח מ[^:]{1,40}$/, // "נשלח מה-iPhone שלי"; "נשלח:" with a colon is Outlook's Sent line
];

/** All signature starts as one pattern: one test per line. */
export const ANY_SIGNATURE = new RegExp(SIGNATURES.map((re) => `(?:${re.source})`).join('|'), 'iu');

/** Kept for callers of the first version: the attribution forms as single patterns (no longer used here). */
export const ATTRIBUTIONS: readonly RegExp[] = [ATTRIBUTION_END];
