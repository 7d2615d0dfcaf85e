import { describe, expect, it } from 'vitest';
import { extractNewReply } from '../../../functions/adapters/mail/strip-reply.js';
import { htmlToText } from '../../../functions/adapters/mail/html-to-text.js';

const lines = (...l: string[]) => l.join('\n');
const QUOTE = lines('> Hello Dana,', '>', '> Please restart the sync service.', '>', '> Regards,', '> Support Center');
const OUTLOOK_BLOCK = lines(
  'From: Support Center <support+T-1042@support.center.example>',
  'Sent: Tuesday, June 4, 2024 4:02 PM',
  'To: Dana Levi <dana.levi@acme.example>',
  'Subject: [T-1042] Nightly sync fails',
  '',
  'Hello Dana,',
  'Please restart the sync service.',
);
const LRE = '\u202a', RLE = '\u202b', PDF = '\u202c', RLM = '\u200f';

describe('extractNewReply: quote headers of common clients', () => {
  it.each([
    ['Gmail (en-US), wrapped onto 2 lines', lines('On Tue, Jun 4, 2024 at 9:12\u202fAM Support Center <', 'support+T-1042@support.center.example> wrote:')],
    ['Gmail (en-GB), one line', 'On Tue, 4 Jun 2024 at 09:12, Support Center <support+T-1042@support.center.example> wrote:'],
    ['Apple Mail', 'On 4 Jun 2024, at 09:12, Support Center <support+T-1042@support.center.example> wrote:'],
    ['iPhone Mail, attribution inside the quote', '> On 4 Jun 2024, at 09:12, Support Center <support+T-1042@support.center.example> wrote:'],
    ['Thunderbird "On <date> <name> wrote:"', 'On 04/06/2024 09:12, Support Center wrote:'],
    ['Thunderbird "<date>, <name> wrote:"', '04/06/2024 09:12, Support Center wrote:'],
    ['an unknown client\'s "… wrote:" above quoted lines', 'Support Center wrote:'],
  ])('cuts at the %s attribution', (_, attribution) => {
    const text = lines('Thanks, restarted it.', '', 'Dana', '', attribution, QUOTE, '');
    expect(extractNewReply(text)).toBe('Thanks, restarted it.\n\nDana');
  });

  it('cuts at the Hebrew Gmail attribution "בתאריך … מאת …:", bidi marks and wrapping included', () => {
    const text = lines('תודה, עובד.', '', `${RLE}בתאריך יום ג׳, 4 ביוני 2024 ב-9:12 מאת ${LRE}Support Center${PDF}${RLM} <${LRE}`,
      `support+T-1042@support.center.example${PDF}${RLM}>:${PDF}`, '', QUOTE);
    expect(extractNewReply(text)).toBe('תודה, עובד.');
  });

  it.each(['כתב/ה', 'כתב', 'כתבה'])('cuts at the Hebrew attribution "ב-<date>, <name> %s:"', (verb) => {
    const text = lines('תודה, עובד.', '', `ב-4 ביוני 2024, בשעה 9:12, Support Center <support@support.center.example> ${verb}:`, '', QUOTE);
    expect(extractNewReply(text)).toBe('תודה, עובד.');
  });

  it('cuts at Outlook\'s "-----Original Message-----"', () => {
    expect(extractNewReply(lines('Still failing.', '', '-----Original Message-----', OUTLOOK_BLOCK))).toBe('Still failing.');
  });

  it('cuts at Outlook\'s From/Sent/To/Subject block without a separator (Outlook desktop)', () => {
    expect(extractNewReply(lines('Still failing.', '', 'Moshe', '', OUTLOOK_BLOCK))).toBe('Still failing.\n\nMoshe');
  });

  it('cuts at the underscore line above the block (Outlook on the web and mobile)', () => {
    expect(extractNewReply(lines('Still failing.', '________________________________', OUTLOOK_BLOCK))).toBe('Still failing.');
  });

  it('cuts at the Hebrew Outlook block מאת / נשלח / אל / נושא', () => {
    const text = lines('לא נפתר', '', 'מאת: Support Center <support+T-1042@support.center.example>', 'נשלח: יום חמישי 06 יוני 2024 17:45',
      'אל: משה כהן <moshe.cohen@acme.example>', 'נושא: [T-1042] Resolved', '', 'Hello Moshe,');
    expect(extractNewReply(text)).toBe('לא נפתר');
  });

  it('cuts at a one-line "From: … Sent: … To: … Subject:" header and at a bolded "*From:*" block', () => {
    expect(extractNewReply(lines('Done.', 'From: Support Center Sent: Tuesday, June 4, 2024 4:02 PM To: Dana Subject: [T-1042] x', 'old'))).toBe('Done.');
    expect(extractNewReply(lines('Done.', '', '*From:* Support Center', '*Sent:* Tuesday, June 4, 2024', '*To:* Dana', '*Subject:* [T-1042] x', 'old'))).toBe('Done.');
  });

  it('keeps the text under the quote when the reply is written below it (Thunderbird\'s default)', () => {
    const text = lines('On 05/06/2024 17:30, Support Center wrote:', QUOTE, '', 'Restarted, works now.', '', '-- ', 'Yossi');
    expect(extractNewReply(text)).toBe('Restarted, works now.');
  });

  it('drops quoted lines at the end when no header names them, and keeps an inline reply\'s quotes between answers', () => {
    expect(extractNewReply(lines('Done.', '', QUOTE))).toBe('Done.');
    expect(extractNewReply(lines('> Did you restart it?', 'Yes, at 10:00.', '> And the log?', 'Attached.')))
      .toBe('Yes, at 10:00.\n> And the log?\nAttached.');
  });

  it('returns nothing when the message is only quoted history', () => {
    expect(extractNewReply(lines('', '-----Original Message-----', OUTLOOK_BLOCK))).toBe('');
    expect(extractNewReply(QUOTE)).toBe('');
  });
});

describe('extractNewReply: what it must not cut', () => {
  it('keeps a sentence that starts like an attribution but is not one', () => {
    const text = lines('On Monday the job failed again at 02:00.', 'From: the login page, every attempt fails.', 'Dana wrote: the log is attached.');
    expect(extractNewReply(text)).toBe(text);
  });

  it('does not glue the last line of the reply to a one-line attribution below it', () => {
    const text = lines('On Monday it failed at 02:00.', '> On 5 Jun 2024, at 17:30, Support Center <s@support.center.example> wrote:', QUOTE);
    expect(extractNewReply(text)).toBe('On Monday it failed at 02:00.');
  });

  it('keeps a "From:" line that is not an Outlook header block, and a "Sent from my …" sentence', () => {
    const text = lines('From: 08:00 today no login works.', 'Subject: the reporting portal.', 'Sent from my laptop, the log shows RPT-5003.');
    expect(extractNewReply(text)).toBe(text);
  });
});

describe('extractNewReply: signatures', () => {
  it.each([
    ['the RFC 3676 sig-dash "-- "', '-- '],
    ['a sig-dash whose space a client trimmed', '--'],
    ['Sent from my iPhone', 'Sent from my iPhone'],
    ['Sent from Outlook', 'Sent from Outlook'],
    ['Sent from Outlook for Android with its link', 'Sent from Outlook for Android<https://aka.ms/AAb9ysg>'],
    ['Get Outlook for iOS with its link', 'Get Outlook for iOS<https://aka.ms/o0ukef>'],
    ['נשלח מה-iPhone שלי', 'נשלח מה-iPhone שלי'],
  ])('strips %s and what follows', (_, signature) => {
    expect(extractNewReply(lines('Works now.', '', signature, 'Dana Levi | Acme Ltd.'))).toBe('Works now.');
  });

  it('keeps a plain "Best regards, Name" closing (no marker to know it by)', () => {
    expect(extractNewReply(lines('Works now.', '', 'Best regards,', 'Moshe Cohen'))).toBe('Works now.\n\nBest regards,\nMoshe Cohen');
  });
});

describe('extractNewReply: whitespace, line ends and HTML', () => {
  it('reads CRLF, trims trailing whitespace and keeps one blank line between paragraphs', () => {
    expect(extractNewReply('\r\n  Hi,  \r\n\r\n\r\n\r\nDone. \t\r\n\r\n')).toBe('  Hi,\n\nDone.');
  });

  it('reads the HTML when there is no text body, cut at the Gmail quote', () => {
    const html = '<div dir="ltr"><div>Hi,</div><div><br></div><div>Still failing &amp; the log is attached.</div></div><br>'
      + '<div class="gmail_quote"><div class="gmail_attr">On Tue, Jun 4, 2024 at 9:12 AM Support Center wrote:<br></div>'
      + '<blockquote class="gmail_quote">Hello Dana</blockquote></div>';
    expect(extractNewReply('', html)).toBe('Hi,\n\nStill failing & the log is attached.');
  });

  it('reads the HTML of Outlook mobile, cut at divRplyFwdMsg, its signature stripped', () => {
    const html = '<html><head><style>p{margin:0}</style></head><body><div dir="ltr">Confirm</div>'
      + '<div id="ms-outlook-mobile-signature"><div><br></div>Get <a href="https://aka.ms/o0ukef">Outlook for iOS</a></div>'
      + '<hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><b>From:</b> Support Center</div><div>Hello Dana</div></body></html>';
    expect(extractNewReply('  \n', html)).toBe('Confirm');
  });

  it('htmlToText decodes entities and turns blocks and <br> into lines', () => {
    expect(htmlToText('<p>a&nbsp;&lt;b&gt; &#8212; &#x5E9;</p>\n<p>c<br>d</p><!-- x --><script>e</script>')).toBe('a <b> — ש\nc\nd');
  });
});
