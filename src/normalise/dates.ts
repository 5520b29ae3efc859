/**
 * Date text as written → calendar date with precision. Never goes through a
 * JS Date in local time, so no time zone can move a day; impossible dates are
 * rejected with a reason, never rolled over.
 */
import type { DatePrecision } from '../model.js';

/** A date read from text. */
export interface ParsedDate {
  value: string;
  precision: DatePrecision;
  time?: string;
}

/** Either a date, or why the text is not one. */
export type DateParse = { ok: true; date: ParsedDate; warning?: string } | { ok: false; reason: string };

const MONTHS: Record<string, number> = {};
const MONTH_NAMES: Array<[number, string[]]> = [
  [1, ['januari', 'january', 'jan', 'janv']],
  [2, ['februari', 'february', 'feb', 'febr']],
  [3, ['maart', 'march', 'mar', 'mrt']],
  [4, ['april', 'apr']],
  [5, ['mei', 'may']],
  [6, ['juni', 'june', 'jun']],
  [7, ['juli', 'july', 'jul']],
  [8, ['augustus', 'august', 'aug']],
  [9, ['september', 'sep', 'sept']],
  [10, ['oktober', 'october', 'okt', 'oct']],
  [11, ['november', 'nov']],
  [12, ['december', 'dec']],
];
for (const [month, names] of MONTH_NAMES) for (const name of names) MONTHS[name] = month;

const WEEKDAYS: Record<string, number> = {
  zondag: 0, maandag: 1, dinsdag: 2, woensdag: 3, donderdag: 4, vrijdag: 5, zaterdag: 6,
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
  sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, zo: 0, ma: 1, di: 2, wo: 3, do: 4, vr: 5, za: 6,
};

const US_ZONES: Record<string, string> = { EST: '-05:00', EDT: '-04:00', CST: '-06:00', CDT: '-05:00', MST: '-07:00', MDT: '-06:00', PST: '-08:00', PDT: '-07:00' };

const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ENGLISH_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const MONTH = '([a-z]{3,10})\\.?';
const WEEKDAY = '(?:([a-z]{2,9})\\.?,?\\s+)?';
const CLOCK = '(?:[T\\s]+(?:om\\s+|at\\s+)?(\\d{1,2})[:.](\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?\\s*(?:uur\\s*)?(Z|UTC|GMT|UT|CES?T|[ECMP][SD]T|[+-]\\d{2}:?\\d{2})?)?';

const PATTERNS: Array<{ re: RegExp; read: (m: RegExpExecArray) => Parts }> = [
  // ISO 8601 and Jekyll's `2014-03-12 13:00:00 -0500`
  { re: new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})${CLOCK}$`, 'i'), read: (m) => ({ y: m[1], mo: m[2], d: m[3], clock: m.slice(4, 8) }) },
  { re: /^(\d{4})-(\d{1,2})$/, read: (m) => ({ y: m[1], mo: m[2] }) },
  { re: /^(\d{4})$/, read: (m) => ({ y: m[1] }) },
  { re: /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, read: (m) => ({ y: m[1], mo: m[2], d: m[3] }) },
  // RFC 2822 and Dutch/English day-month-year: `Fri, 31 May 2019 12:59:27 +0200`, `maandag 3 december 2018`
  { re: new RegExp(`^${WEEKDAY}(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})${CLOCK}$`, 'i'), read: (m) => ({ wd: m[1], d: m[2], mon: m[3], y: m[4], clock: m.slice(5, 9) }) },
  // English month-day-year: `September 8, 2014`, `Sep 8 2014 10:00`
  { re: new RegExp(`^${WEEKDAY}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${CLOCK}$`, 'i'), read: (m) => ({ wd: m[1], mon: m[2], d: m[3], y: m[4], clock: m.slice(5, 9) }) },
  // month and year: `juni 2025`, `March 2015`
  { re: new RegExp(`^${MONTH}\\s+(\\d{4})$`, 'i'), read: (m) => ({ mon: m[1], y: m[2] }) },
  // Dutch numeric day-month-year: `31-05-2019`, `31.5.2019`
  { re: /^(\d{1,2})[-.](\d{1,2})[-.](\d{4})$/, read: (m) => ({ d: m[1], mo: m[2], y: m[3] }) },
];

interface Parts {
  y?: string;
  mo?: string;
  mon?: string;
  d?: string;
  wd?: string;
  clock?: Array<string | undefined>;
}

/** Parses a front-matter value, an HTML meta date or a marker. `null`, `''` and absent values are not dates. */
export function parseDateValue(input: unknown): DateParse | null {
  if (input === null || input === undefined || input === '') return null;
  if (typeof input === 'number') {
    return Number.isInteger(input) && input >= 1000 && input <= 2999
      ? { ok: true, date: { value: String(input), precision: 'year' } }
      : { ok: false, reason: `${input} is a number, not a date` };
  }
  if (input instanceof Date) {
    return Number.isNaN(input.getTime()) ? { ok: false, reason: 'not a valid date' } : { ok: true, date: { value: input.toISOString().slice(0, 10), precision: 'day' } };
  }
  if (typeof input !== 'string') return { ok: false, reason: `a ${Array.isArray(input) ? 'list' : typeof input} is not a date` };
  return parseDateText(input);
}

/** Parses one written date. */
export function parseDateText(raw: string): DateParse {
  const text = raw.trim().replace(/\s+/g, ' ');
  for (const { re, read } of PATTERNS) {
    const match = re.exec(text);
    if (match) return build(read(match), text);
  }
  // `2016-07-19 (optional)`, `2016-06-17 12:00-400`: the calendar date is plain; keep it and say what was ignored.
  const leading = /^(\d{4})-(\d{1,2})-(\d{1,2})(?=[\sT])\s*(.+)$/.exec(text);
  if (leading) {
    const date = build({ y: leading[1], mo: leading[2], d: leading[3] }, text);
    if (date.ok) return { ...date, warning: `read the date ${date.date.value} and ignored the unreadable rest "${truncate(leading[4]!)}"` };
    return date;
  }
  return { ok: false, reason: `"${truncate(text)}" is not a date format Dossier reads` };
}

function build(parts: Parts, text: string): DateParse {
  const year = Number(parts.y);
  let month = parts.mo ? Number(parts.mo) : undefined;
  if (parts.mon) {
    month = MONTHS[parts.mon.toLowerCase()];
    if (!month) return { ok: false, reason: `"${parts.mon}" in "${truncate(text)}" is not a month name` };
  }
  if (month === undefined) return { ok: true, date: { value: pad(year, 4), precision: 'year' } };
  if (month < 1 || month > 12) return { ok: false, reason: `"${truncate(text)}" has month ${month}; months run from 1 to 12` };
  if (parts.d === undefined) return { ok: true, date: { value: `${pad(year, 4)}-${pad(month, 2)}`, precision: 'month' } };
  const day = Number(parts.d);
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return { ok: false, reason: `"${truncate(text)}" does not exist: ${monthLabel(month)} ${year} has ${last} days` };
  }
  const value = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  const time = parts.clock ? clockOf(parts.clock) : undefined;
  if (time === null) return { ok: false, reason: `"${truncate(text)}" has an impossible time of day` };
  const date: ParsedDate = time ? { value, precision: 'day', time } : { value, precision: 'day' };
  const warning = parts.wd ? weekdayMismatch(parts.wd, year, month, day) : undefined;
  return warning ? { ok: true, date, warning } : { ok: true, date };
}

/** `HH:MM[:SS]` plus a normalised offset; null for an impossible time, undefined when none was written. */
function clockOf([h, m, s, zone]: Array<string | undefined>): string | null | undefined {
  if (h === undefined) return undefined;
  if (Number(h) > 23 || Number(m) > 59 || Number(s ?? 0) > 60) return null;
  let text = `${pad(Number(h), 2)}:${m}${s ? `:${s}` : ''}`;
  if (zone) text += offsetOf(zone);
  return text;
}

function offsetOf(zone: string): string {
  const upper = zone.toUpperCase();
  if (upper === 'Z' || upper === 'UTC' || upper === 'GMT' || upper === 'UT') return 'Z';
  if (upper === 'CET') return '+01:00';
  if (upper === 'CEST') return '+02:00';
  const american = US_ZONES[upper];
  if (american) return american;
  const digits = zone.replace(':', '');
  return `${digits.slice(0, 3)}:${digits.slice(3, 5)}`;
}

function weekdayMismatch(name: string, year: number, month: number, day: number): string | undefined {
  const expected = WEEKDAYS[name.toLowerCase()];
  if (expected === undefined) return undefined;
  const actual = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return expected === actual ? undefined : `the date says "${name}", but ${year}-${pad(month, 2)}-${pad(day, 2)} is a ${ENGLISH_WEEKDAYS[actual]}`;
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate() || 31;
}

function monthLabel(month: number): string {
  return ENGLISH_MONTHS[month - 1]!;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
