// Text hygiene for what people type into one-line fields (subjects, names), wherever it enters:
// the API's request schemas and inbound mail. No imports: the web app's shared schemas may use it.

// C0 controls (tab, LF and CR are handled apart), DEL and C1 controls
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// Bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): an unbalanced
// one reorders everything after it, in our emails and the agents' screens ("Trojan Source").
// The marks LRM/RLM/ALM stay: they change no order beyond themselves.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
// Line breaks of every kind: none may make a new line in a header or a one-line field
const LINE_BREAKS = /[\r\n\t\v\f\u0085\u2028\u2029]+/g;

/** One line a person typed (a subject, a name): line breaks become a space, controls and bidi overrides go, spaces collapse, trimmed. */
export const cleanLine = (text: string): string =>
  text.replace(LINE_BREAKS, ' ').replace(CONTROLS, '').replace(BIDI_CONTROLS, '').replace(/ {2,}/g, ' ').trim();

/** Free text (a body): line breaks and tabs kept, other control characters removed. */
export const cleanText = (text: string): string => text.replace(CONTROLS, '');
