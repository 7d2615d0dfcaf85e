import type { DirectoryStore } from '../../adapters/store.js';
import type { Language } from '../../domain/index.js';
import { partyOf, type Caller } from './caller.js';

/** Who gets a report (R-RPT-1): a known contact by its name and language; anyone else by address, in Hebrew for customers and English for the center. */
export async function reportRecipient(directory: Pick<DirectoryStore, 'findContact'>, email: string, caller: Caller): Promise<{ email: string; name: string; language: Language }> {
  const contact = await directory.findContact(email);
  if (contact) return { email, name: contact.name, language: contact.language };
  return { email, name: email, language: partyOf(caller.role) === 'agent' ? 'en' : 'he' };
}
