// The information center of `npm start -- --seed` (issue 11 item 5, R-KB-1): articles a support
// center of an analytics platform publishes, in Hebrew and English, written for this project.
// Fixed ids, so the tests and the README can name them; seeding twice leaves what is there.
import type { ArticleStore } from '../../functions/adapters/article-store.js';
import { renderArticleBody } from '../../functions/adapters/search/markdown.js';
import { ArticleContentSchema, createArticle, publishArticle, type ArticleContent } from '../../functions/domain/kb/index.js';

type Seed = ArticleContent & { key: string };
const AUTHOR = 'manager@center.example';
const SEEDED_AT = '2026-01-04T08:00:00.000Z';

/** The id of the seeded article `key` (its place in the list, as a fixed UUID). */
export const seedArticleId = (key: string): string => {
  const i = SEED_ARTICLES.findIndex((a) => a.key === key);
  if (i < 0) throw new Error(`no seeded article ${key}`);
  return `a0000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
};

const he = (key: string, title: string, tags: string[], body: string, visibility: ArticleContent['visibility'] = 'public'): Seed => ({ key, title, body, tags, visibility, language: 'he' });
const en = (key: string, title: string, tags: string[], body: string, visibility: ArticleContent['visibility'] = 'public'): Seed => ({ key, title, body, tags, visibility, language: 'en' });

export const SEED_ARTICLES: readonly Seed[] = [
  he('install-server', 'התקנת שרת הפלטפורמה על Windows Server', ['התקנה', 'שרת'], `
לפני ההתקנה ודאו שהשרת עומד בדרישות: Windows Server 2019 ומעלה, 8 ליבות ו־32GB זיכרון לפחות.

1. הורידו את קובץ ההתקנה מאזור ההורדות בפורטל.
2. הריצו את קובץ ההתקנה כמנהל מערכת ובחרו "התקנה מלאה".
3. הזינו את שם חשבון השירות ואת הסיסמה שלו.
4. בסיום, פתחו את מסוף הניהול בדפדפן ובדקו שכל השירותים פעילים.

אם ההתקנה נעצרת בשלב יצירת מסד הנתונים, בדקו שלחשבון השירות יש הרשאות מנהל מקומי.`),
  he('install-client', 'התקנת תוכנת הלקוח במחשב המשתמש', ['התקנה', 'לקוח'], `
תוכנת הלקוח מאפשרת לעבוד עם לוחות המחוונים גם ללא דפדפן.

- הורידו את חבילת ההתקנה המתאימה (64 ביט) מהפורטל.
- בהתקנה על מחשבים רבים אפשר להשתמש בהתקנה שקטה: \`setup.exe /quiet\`.
- לאחר ההתקנה הזינו את כתובת השרת בחלון ההתחברות.

משתמשים ללא הרשאות מנהל במחשב יפנו לצוות ה־IT בארגון.`),
  he('upgrade', 'שדרוג לגרסה חדשה: שלבים ובדיקות', ['שדרוג', 'גרסאות'], `
שדרוג לגרסה חדשה מתבצע בחלון תחזוקה מתוכנן.

1. גבו את מסד הנתונים של המערכת ואת תיקיית האפליקציות.
2. עצרו את משימות הטעינה המתוזמנות.
3. הריצו את קובץ השדרוג על השרת המרכזי ואחר כך על שאר הצמתים.
4. לאחר השדרוג הפעילו מחדש את השירותים ובדקו טעינה אחת לדוגמה.

לפני שדרוג בין גרסאות עיקריות קראו את הערות השחרור: חלק מהמחברים דורשים עדכון נפרד.`),
  he('rollback', 'חזרה לגרסה קודמת אחרי שדרוג שנכשל', ['שדרוג', 'גיבוי'], `
אם השדרוג נכשל והמערכת אינה עולה, אפשר לחזור לגרסה הקודמת:

1. הסירו את הגרסה החדשה מלוח הבקרה.
2. התקינו מחדש את הגרסה הקודמת באותה תיקייה.
3. שחזרו את מסד הנתונים מהגיבוי שנלקח לפני השדרוג.

חזרה לאחור ללא גיבוי עלולה לגרום לאובדן הגדרות. פתחו קריאה בדחיפות גבוהה ונלווה אתכם.`),
  he('licence-activate', 'הפעלת רישיון והקצאת רישיונות למשתמשים', ['רישיונות'], `
לאחר הרכישה תקבלו מפתח רישיון ומספר בקרה בדוא"ל.

- במסוף הניהול בחרו "רישיון" והזינו את המפתח ואת מספר הבקרה.
- הקצו רישיונות למשתמשים בלשונית "הקצאות". משתמש ללא רישיון לא יוכל לפתוח אפליקציות.
- רישיון שלא נעשה בו שימוש 7 ימים משתחרר אוטומטית אם הוגדר כך.

שרת ללא גישה לאינטרנט? ראו את המאמר על הפעלה לא מקוונת.`),
  he('licence-offline', 'הפעלת רישיון בשרת ללא גישה לאינטרנט', ['רישיונות', 'אבטחה'], `
בסביבות מבודדות אפשר להפעיל את הרישיון בלי חיבור לאינטרנט:

1. במסוף הניהול בחרו "הפעלה לא מקוונת" ושמרו את קובץ הבקשה.
2. העבירו את הקובץ למחשב עם גישה לאינטרנט והעלו אותו לפורטל הרישוי.
3. הורידו את קובץ התשובה והטעינו אותו בשרת.

את התהליך יש לחזור עליו בכל חידוש רישיון.`, 'customers'),
  he('licence-expired', 'הרישיון פג תוקף: מה עושים?', ['רישיונות'], `
כשהרישיון פג, המשתמשים רואים הודעת שגיאה ואינם יכולים להתחבר. הנתונים והאפליקציות נשמרים.

- בדקו במסוף הניהול את תאריך התפוגה.
- לחידוש פנו למנהל החשבון שלכם.
- אחרי החידוש הזינו את המפתח החדש; אין צורך להתקין מחדש.`),
  he('connector-sap', 'חיבור למערכת SAP באמצעות המחבר הייעודי', ['מחברים', 'sap'], `
המחבר ל־SAP מאפשר לקרוא טבלאות ודוחות ישירות ממערכת ה־ERP.

1. התקינו את חבילת המחבר על כל צמתי הטעינה.
2. צרו משתמש תקשורת ב־SAP עם הרשאות קריאה בלבד.
3. הגדירו חיבור חדש והזינו את כתובת השרת, מספר המערכת והלקוח.

שגיאת "RFC_ERROR_LOGON_FAILURE" פירושה שם משתמש או סיסמה שגויים, או משתמש נעול.`),
  he('connector-sql', 'חיבור למסד נתונים SQL Server ו־Oracle', ['מחברים', 'מסד נתונים'], `
לחיבור למסדי נתונים משתמשים במחבר ODBC המובנה.

- ל־SQL Server: ודאו שפורט 1433 פתוח מהשרת שלנו לשרת מסד הנתונים.
- ל־Oracle: התקינו את ה־Instant Client והגדירו את קובץ tnsnames.
- מומלץ להשתמש בחשבון ייעודי עם הרשאת קריאה בלבד.

חיבור איטי? ראו את המאמר על ביצועי טעינה.`),
  he('reload-failed', 'טעינת נתונים נכשלה: איך מאתרים את הסיבה', ['טעינות', 'תקלות'], `
כשמשימת טעינה נכשלת, יומן הטעינה מראה באיזו שורה בסקריפט היא נעצרה.

1. פתחו את מסוף הניהול ובחרו "משימות".
2. לחצו על המשימה שנכשלה והורידו את יומן הטעינה.
3. חפשו את השורה האחרונה לפני ההודעה "Error".

סיבות נפוצות: סיסמה שפגה במקור הנתונים, קובץ שלא נמצא בנתיב, או זיכרון שאזל בשרת. צרפו את היומן לקריאה.`),
  he('reload-schedule', 'תזמון טעינות נתונים אוטומטיות', ['טעינות'], `
אפשר לתזמן טעינה יומית, שבועית או לפי אירוע.

- במסוף הניהול בחרו את האפליקציה ולחצו "משימה חדשה".
- הגדירו טריגר זמן, למשל כל יום בשעה 06:00.
- אפשר לשרשר משימות: טעינה שנייה מתחילה רק כשהראשונה הצליחה.

הימנעו מטעינות כבדות בשעות העבודה כדי לא לפגוע בביצועים.`),
  he('performance-slow', 'לוחות מחוונים איטיים: בדיקות ושיפור ביצועים', ['ביצועים'], `
כשלוח מחוונים נטען לאט, בדקו קודם את גודל מודל הנתונים ואת צריכת הזיכרון בשרת.

- הסירו שדות שאינם בשימוש ושדות עם ערכים ייחודיים רבים (כמו מזהים ארוכים).
- העדיפו חישובים בסקריפט הטעינה על פני נוסחאות כבדות בגרפים.
- צמצמו את מספר האובייקטים בגיליון אחד.

אם השרת משתמש ביותר מ־90% זיכרון לאורך זמן, ייתכן שנדרש שדרוג חומרה.`),
  he('access-rights', 'ניהול הרשאות גישה למשתמשים וקבוצות', ['הרשאות', 'אבטחה'], `
ההרשאות נקבעות לפי כללי גישה על קבוצות משתמשים.

- ייבאו קבוצות מ־Active Directory דרך מחבר המשתמשים.
- תנו הרשאת קריאה לזרם (stream) לקבוצה ולא למשתמשים בודדים.
- למנהלי תוכן תנו הרשאת עריכה רק בזרם שלהם.

משתמש שאינו רואה אפליקציה: בדקו שהוא חבר בקבוצה ושהכלל פעיל.`),
  he('sla-targets', 'אמנת השירות: זמני תגובה לפי חומרת הקריאה', ['אמנת שירות', 'sla'], `
לכל קריאה נקבעת חומרה, ולפיה זמן התגובה הראשונה ותדירות העדכונים:

| חומרה | תגובה ראשונה | עדכון לפחות כל |
| --- | --- | --- |
| דחופה | 3 שעות | 6 שעות |
| גבוהה | 4.5 שעות | 48 שעות |
| רגילה | 6 שעות | 120 שעות |

השעות הן שעות עבודה של המוקד: ראשון עד חמישי, 08:30 עד 17:00, למעט חגים וערבי חג. השעון מתחיל ברגע פתיחת הקריאה.`),
  he('pending-customer', 'קריאה בהמתנה ללקוח וסגירה אוטומטית', ['אמנת שירות'], `
כשאנחנו מבקשים מכם מידע או פעולה, הקריאה עוברת למצב "ממתין ללקוח".

- אחרי 2 ימי עבודה ללא מענה נשלחת תזכורת, ואחרי 2 ימים נוספים תזכורת שנייה.
- אחרי 6 ימי עבודה ללא מענה הקריאה עוברת ל"נפתר".
- 6 ימי עבודה אחרי "נפתר" ללא תגובה, הקריאה נסגרת.

תשובה שלכם בכל שלב מחזירה את הקריאה לטיפול.`),
  he('escalation', 'הסלמת קריאה לראש התמיכה', ['אמנת שירות', 'הסלמה'], `
אם אינכם מרוצים מהטיפול בקריאה, אפשר להסלים אותה:

1. תחילה לראש מערך התמיכה.
2. אם התשובה אינה מספקת, למנהל הלקוחות הראשי.

ההסלמה נעשית מהפורטל בכפתור "הסלמה" בקריאה, עם נימוק קצר.`),
  he('internal-diagnostics', 'איסוף יומנים ואבחון מרחוק (נוהל פנימי)', ['תקלות', 'פנימי'], `
לנציגים: לפני העברה לספק אספו את יומני השרת מהתיקייה Logs ואת צילום המסך של השגיאה.

- בקשו מהלקוח אישור לחיבור מרחוק ותעדו אותו בקריאה.
- בדקו במאגר הידע של הספק לפני פתיחת קריאה אצלו.`, 'internal'),
  en('install-server-en', 'Installing the platform server on Linux', ['installation', 'server'], `
The server runs on any supported 64-bit Linux distribution with at least 8 cores and 32 GB of memory.

1. Download the installer package from the portal's downloads area.
2. Run \`sudo ./install.sh --accept-eula\` and choose the service account.
3. Open the management console in a browser and check that every service is running.

If the installation stops while creating the repository database, check that port 4432 is free.`),
  en('upgrade-en', 'Upgrading to a new release', ['upgrade', 'releases'], `
Plan upgrades in a maintenance window.

1. Back up the repository database and the apps folder.
2. Stop scheduled reload tasks.
3. Upgrade the central node first, then the rim nodes.
4. Restart the services and run one sample reload.

Read the release notes before upgrading between major versions: some connectors need their own update.`),
  en('licence-en', 'Activating and assigning licences', ['licences'], `
After purchase you receive a licence key and a control number by email.

- In the management console open **Licence** and enter both.
- Assign user licences under **Allocations**. A user without one cannot open apps.
- Analyzer capacity licences are consumed in minutes per session.

Licence expired? Contact your account manager for a renewal key; nothing needs reinstalling.`),
  en('connector-rest', 'Loading data from a REST API with the REST connector', ['connectors', 'api'], `
The REST connector reads JSON or XML from web services.

- Create a new connection and enter the URL and the authentication method (basic, bearer token or OAuth).
- Use pagination settings for APIs that return results page by page.
- Store secrets in the connection, never in the load script.

Timeouts usually mean the service is slow or the page size is too large.`),
  en('connector-excel', 'Loading Excel and CSV files from a shared folder', ['connectors', 'files'], `
Create a folder connection that points at the shared folder (a UNC path such as \`\\\\fileserver\\data\`).

- The service account needs read permission on the share.
- For CSV files, set the delimiter and the character set (UTF-8 for Hebrew text).
- Excel files must not be open in Excel while a reload reads them.`),
  en('reload-memory', 'Reload fails with "out of memory"', ['reloads', 'troubleshooting', 'performance'], `
A reload that fails with an out-of-memory error usually loads more rows or columns than it needs.

- Load only the fields the app uses, and filter rows in the \`WHERE\` clause.
- Use incremental loads: keep history in QVD files and load only new or changed rows.
- Check the server's memory limits in the engine settings.`),
  en('performance-en', 'Improving dashboard performance', ['performance'], `
Slow sheets are most often caused by a large data model or heavy chart expressions.

- Drop unused fields and high-cardinality keys such as timestamps with seconds.
- Move calculations into the load script.
- Keep the number of objects per sheet reasonable.

Server CPU constantly above 80%? Consider adding an engine node.`),
  en('sso', 'Single sign-on with SAML', ['access rights', 'security'], `
The platform supports single sign-on through SAML 2.0 identity providers such as Azure AD (Entra ID) and Okta.

1. Create a virtual proxy with SAML authentication.
2. Upload the identity provider's metadata and map the user id and group attributes.
3. Test with a user who is not an administrator.

Users get "access denied" after signing in when the group attribute is not mapped.`, 'customers'),
  en('access-en', 'Managing access rights with security rules', ['access rights', 'security'], `
Access is granted by security rules on user groups, not on individual users.

- Give a group read access to a stream.
- Grant publishing rights only to content managers.
- Section access in the load script restricts which rows each user sees.

A user who cannot see an app: check group membership and that the rule is enabled.`),
  en('sla-en', 'The service charter: response times by severity', ['service charter', 'sla'], `
Every ticket has a severity that sets its first-response target and how often you hear from us:

| severity | first response | update at least every |
| --- | --- | --- |
| Urgent | 3 h | 6 h |
| High | 4.5 h | 48 h |
| Normal | 6 h | 120 h |

Hours are business hours: Sunday to Thursday, 08:30 to 17:00 Israel time, except holidays and their eves. The clock starts when the ticket is opened.`),
  en('business-hours', 'Business hours, holidays and extended hours', ['service charter'], `
The support center works Sunday to Thursday, 08:30-17:00 Israel time. It is closed on Israeli holidays and holiday eves.

Organisations with the extended-hours package get 08:00-20:00 on the same days. Work outside these hours is billed separately, against a quote.`),
  en('backup', 'Backing up and restoring the repository', ['backup', 'server'], `
Back up the repository database and the shared folder together, so they match.

- Schedule a nightly database dump.
- Copy the apps, logs and certificates folders.
- Test a restore on a staging server at least once a quarter.`, 'customers'),
  en('certificates', 'Renewing the TLS certificate of the hub', ['security', 'server'], `
Browsers warn about the hub when its certificate has expired.

1. Import the new certificate, with its private key, into the machine's certificate store.
2. Copy its thumbprint into the proxy settings.
3. Restart the proxy service.`),
  en('internal-vendor', 'Opening a vendor case (internal procedure)', ['vendor', 'internal'], `
For agents: search the vendor's knowledge base first. If there is no answer, open a case at the vendor's support, tell the customer, move the ticket to Pending Vendor and record the vendor's case number.`, 'internal'),
];

/** Writes and publishes each seeded article that is not there yet. */
export async function seedArticles(articles: Pick<ArticleStore, 'get' | 'save'>): Promise<void> {
  for (const seed of SEED_ARTICLES) {
    const id = seedArticleId(seed.key);
    if (await articles.get(id)) continue;
    const { key: _key, ...content } = seed;
    const parsed = ArticleContentSchema.parse({ ...content, body: content.body.trim() });
    const created = createArticle(id, { ...parsed, ...renderArticleBody(parsed.body) }, AUTHOR, SEEDED_AT); // rendered once, as POST /articles does
    await articles.save(created, 0);
    await articles.save(publishArticle(created.article, AUTHOR, SEEDED_AT), created.article.version);
  }
}
