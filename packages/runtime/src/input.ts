import { badInput } from './errors';

/** Input checks every service makes alike, the gateway's own registry included. */

/* eslint-disable no-control-regex -- control characters are what these patterns are for */
/**
 * Characters no free text may hold: C0/C1 controls (NUL makes PostgreSQL fail the write),
 * zero-width characters (U+200B–U+200D, U+2060, U+FEFF) that make two names look alike, and
 * the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that reorder
 * what a reader sees. Tab and line breaks (LF, CR) are allowed only where a field is multi-line.
 */
const FORBIDDEN_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]/u;
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]/u;
/* eslint-enable no-control-regex */
/** a surrogate half without its partner: not a character, and not valid UTF-8 once stored */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * What is wrong with a free-text value's characters, or null: the message never repeats the
 * value (it may be personal data). Checked before NFC, which would turn a lone surrogate into U+FFFD and hide it.
 */
export function textProblem(value: string, options: { multiline?: boolean } = {}): string | null {
  if (LONE_SURROGATE.test(value)) return 'holds a lone surrogate (not a Unicode character)';
  if ((options.multiline ? FORBIDDEN_IN_TEXT : FORBIDDEN_IN_LINE).test(value))
    return options.multiline
      ? 'holds a control, zero-width or bidi-override character'
      : 'holds a control (tab, line break …), zero-width or bidi-override character';
  return null;
}

/**
 * Trims and NFC-normalises a free-text field (so one name has one spelling) and refuses it
 * outside its length or holding a character textProblem refuses, naming the field; a blank
 * one is refused as missing. `multiline` allows tab and line breaks; by default a field of more
 * than 200 characters is prose (an opinion, an explanation) and may span lines, a shorter one
 * (a name, a title, a reference) may not.
 */
export function requireText(
  value: string | null | undefined,
  field: string,
  min: number,
  max: number,
  options: { multiline?: boolean } = { multiline: max > 200 },
): string {
  const raw = (value ?? '').trim();
  const wrong = textProblem(raw, options);
  if (wrong) throw badInput(`${field} ${wrong}`, { field });
  const trimmed = raw.normalize('NFC');
  if (!trimmed && min > 0) throw badInput(`${field} is required and may not be blank`, { field });
  if (trimmed.length < min || trimmed.length > max) throw badInput(`${field} must be ${min}–${max} characters`, { field });
  return trimmed;
}

/** Refuses a count that is not a whole number within its bounds (a negative one above all). */
export function checkCount(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max)
    throw badInput(`${name} must be a whole number from ${min} to ${max}, got ${value}`, { field: name });
}
