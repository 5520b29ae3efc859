/**
 * Events from the text: dated mentions inside an article (`in 2019`,
 * `tussen april en november 2021`, `op 1 december`, `vorig jaar`) become
 * timeline events quoting their sentence. A mention without its own year is
 * resolved against the article's date only when that date is precise enough;
 * otherwise it is dropped, never guessed.
 */
import type { Article, ArticleDate, DatePrecision, EventDate, TextEvent } from '../model.js';
import { daysInMonth } from '../normalise/dates.js';
import { sentenceSpans } from '../text.js';

/** Events kept per article, so one long chronology cannot flood a timeline. */
const MAX_EVENTS_PER_ARTICLE = 40;
const MAX_SENTENCE = 400;

const NL_MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const EN_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const YEAR = '((?:19|20)\\d{2})(?![\\d.,]\\d|\\s?(?:%|procent|percent|euro|dollar|miljoen|miljard|million|billion|werknemers|mensen|medewerkers|employees|people|km|kilometer|meter))';

/** A piece of text that names a date: how to read it, and what it needs from the article's own date. */
interface Rule {
  pattern: RegExp;
  read: (m: RegExpExecArray, anchor: ArticleDate | null) => { date: EventDate; end?: EventDate } | null;
  relative: boolean;
  /** What a sentence must hold for the pattern to have a chance (NEEDS_* bits): a sentence without it skips the rule. */
  needs: number;
}

/** A digit: every year and day number. */
const NEEDS_DIGIT = 1;
/** A month name. */
const NEEDS_MONTH = 2;
/** One of the relative expressions' words. */
const NEEDS_RELATIVE = 4;

/** Extracts the dated mentions of one article, in text order. */
export function extractEvents(article: Pick<Article, 'id' | 'date' | 'language' | 'text'>): TextEvent[] {
  return extract(article, true);
}

/** extractEvents trying every rule on every sentence: the reference the property test holds the pre-checks to. */
export function extractEventsTryingEveryRule(article: Pick<Article, 'id' | 'date' | 'language' | 'text'>): TextEvent[] {
  return extract(article, false);
}

function extract(article: Pick<Article, 'id' | 'date' | 'language' | 'text'>, preCheck: boolean): TextEvent[] {
  const { rules, monthName, relativeWord } = languageRules(article.language);
  const { text } = article;
  const events: TextEvent[] = [];
  const seen = new Set<string>();
  const spans = sentenceSpans(text);
  // Where the next digit, month name and relative word start, looked for in the whole text from a sentence's start
  // on: sliced and tested one by one, the sentences (most name no date) cost more than the rules.
  const next = { digit: -1, month: -1, relative: -1 };
  for (let i = 0; i < spans.length; i += 2) {
    const start = spans[i]!;
    const end = spans[i + 1]!;
    // Most sentences name no date, and most that do need only a few rules: three cheap tests spare them the others.
    let holds = -1;
    if (preCheck) {
      if (next.digit < start) next.digit = nextMatch(DIGIT, text, start);
      if (next.month < start) next.month = nextMatch(monthName, text, start);
      if (next.relative < start) next.relative = nextMatch(relativeWord, text, start);
      holds = (next.digit < end ? NEEDS_DIGIT : 0) | (next.month < end ? NEEDS_MONTH : 0) | (next.relative < end ? NEEDS_RELATIVE : 0);
      if (holds === 0) continue;
    }
    const sentence = text.slice(start, end);
    const taken: Array<[number, number]> = [];
    for (const rule of rules) {
      if ((rule.needs & holds) !== rule.needs) continue;
      const { pattern } = rule;
      // exec, not matchAll, which copies the regular expression on every call; no pattern matches the empty string.
      pattern.lastIndex = 0;
      for (let match = pattern.exec(sentence); match; match = pattern.exec(sentence)) {
        const from = match.index;
        const to = from + match[0].length;
        if (taken.some(([s, e]) => from < e && to > s)) continue;
        const read = rule.read(match, article.date);
        if (!read) continue;
        taken.push([from, to]);
        const key = `${read.date.value}|${read.end?.value ?? ''}|${sentence}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const quoted = sentence.length > MAX_SENTENCE ? `${sentence.slice(0, MAX_SENTENCE - 1)}…` : sentence;
        events.push({ articleId: article.id, date: read.date, end: read.end ?? null, phrase: match[0].trim(), sentence: quoted, relative: rule.relative });
        if (events.length >= MAX_EVENTS_PER_ARTICLE) return events;
      }
    }
  }
  return events;
}

const DIGIT = /\d/g;

/**
 * Where the first match of a global pattern at or after `from` starts (the text's length: none). A sentence holds a
 * match when this is before its end: none of the patterns starts with white space or spans a sentence break (their
 * only space is between two words, where no sentence breaks, and line breaks they never match).
 */
function nextMatch(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from;
  const found = pattern.exec(text);
  return found ? found.index : text.length;
}

/** Each language's rules, compiled once, with the tests behind their NEEDS_* bits. */
interface LanguageRules {
  rules: Rule[];
  monthName: RegExp;
  relativeWord: RegExp;
}

const compiledRules = new Map<'nl' | 'en', LanguageRules>();
function languageRules(language: 'nl' | 'en'): LanguageRules {
  let entry = compiledRules.get(language);
  if (!entry) {
    const [months, relative] = language === 'en' ? [EN_MONTHS, EN_RELATIVE] : [NL_MONTHS, NL_RELATIVE];
    // The same flags as the rules ('iu' folds case the same way, `ſ` and all), without their word boundaries: a superset of what they match.
    const relativeWords = RELATIVE.flatMap((entry) => entry[language] ?? []);
    entry = { rules: rulesFor(months, relative), monthName: new RegExp(months.join('|'), 'giu'), relativeWord: new RegExp(relativeWords.join('|'), 'giu') };
    compiledRules.set(language, entry);
  }
  return entry;
}

function rulesFor(months: string[], relative: RelativeWords): Rule[] {
  const month = `(${months.join('|')})`;
  const monthOf = (name: string) => months.indexOf(name.toLowerCase()) + 1;
  const re = (source: string) => new RegExp(`(?<![\\p{L}\\p{N}-])${source}(?![\\p{L}\\p{N}-])`, 'giu');
  // Range words may be alternations (`to|until`): every use is wrapped in a group.
  const [between, and, from, until] = relative.rangeWords;
  return [
    // tussen april en november 2021 / van april tot november 2021
    {
      pattern: re(`(?:(?:${between}) ${month}(?: ${YEAR})? (?:${and})|(?:${from}) ${month}(?: ${YEAR})? (?:${until})) ${month} ${YEAR}`),
      read: (m) => {
        const endYear = Number(m[6]);
        const startMonth = monthOf(m[1] ?? m[3]!);
        const startYear = Number(m[2] ?? m[4] ?? endYear);
        return { date: monthDate(startYear, startMonth), end: monthDate(endYear, monthOf(m[5]!)) };
      },
      relative: false,
      needs: NEEDS_DIGIT | NEEDS_MONTH,
    },
    // tussen 2019 en 2021
    {
      pattern: re(`(?:(?:${between}) ${YEAR} (?:${and})|(?:${from}) ${YEAR} (?:${until})) ${YEAR}`),
      read: (m) => ({ date: yearDate(Number(m[1] ?? m[2])), end: yearDate(Number(m[3])) }),
      relative: false,
      needs: NEEDS_DIGIT,
    },
    // 31 mei 2019
    { pattern: re(`(\\d{1,2}) ${month} ${YEAR}`), read: (m) => dayDate(Number(m[3]), monthOf(m[2]!), Number(m[1])), relative: false, needs: NEEDS_DIGIT | NEEDS_MONTH },
    // May 31, 2019
    { pattern: re(`${month} (\\d{1,2}),? ${YEAR}`), read: (m) => dayDate(Number(m[3]), monthOf(m[1]!), Number(m[2])), relative: false, needs: NEEDS_DIGIT | NEEDS_MONTH },
    // juni 2025
    { pattern: re(`${month} ${YEAR}`), read: (m) => ({ date: monthDate(Number(m[2]), monthOf(m[1]!)) }), relative: false, needs: NEEDS_DIGIT | NEEDS_MONTH },
    // op 1 december: the article's year, when it is known
    { pattern: re(`(\\d{1,2}) ${month}`), read: (m, anchor) => (anchor ? dayDate(yearOf(anchor), monthOf(m[2]!), Number(m[1])) : null), relative: true, needs: NEEDS_DIGIT | NEEDS_MONTH },
    // in augustus: the article's year, when it is known
    { pattern: re(`(?:${relative.monthPrepositions}) ${month}`), read: (m, anchor) => (anchor ? { date: monthDate(yearOf(anchor), monthOf(m[1]!)) } : null), relative: true, needs: NEEDS_MONTH },
    // in 2019
    { pattern: re(YEAR), read: (m) => ({ date: yearDate(Number(m[1])) }), relative: false, needs: NEEDS_DIGIT },
    ...relative.rules,
  ];
}

interface RelativeWords {
  rangeWords: [string, string, string, string];
  monthPrepositions: string;
  rules: Rule[];
}

const days = (offset: number): Rule['read'] => (_m, anchor) => (anchor?.precision === 'day' ? { date: shiftDay(anchor.value, offset) } : null);
const week = (offset: number): Rule['read'] => (_m, anchor) => {
  if (anchor?.precision !== 'day') return null;
  const monday = shiftDay(anchor.value, -weekday(anchor.value) + 7 * offset);
  return { date: monday, end: shiftDay(monday.value, 6) };
};
const months = (offset: number): Rule['read'] => (_m, anchor) => {
  if (!anchor || anchor.precision === 'year') return null;
  const [y, m] = anchor.value.split('-').map(Number);
  const index = y! * 12 + (m! - 1) + offset;
  return { date: monthDate(Math.floor(index / 12), (index % 12) + 1) };
};
const years = (offset: number): Rule['read'] => (_m, anchor) => (anchor ? { date: yearDate(yearOf(anchor) + offset) } : null);
const rule = (words: string, read: Rule['read']): Rule => ({ pattern: new RegExp(`(?<![\\p{L}])(?:${words})(?![\\p{L}])`, 'giu'), read, relative: true, needs: NEEDS_RELATIVE });

/** Each relative expression once: how it resolves, and its words in each language (none: not said that way). */
const RELATIVE: Array<{ read: Rule['read']; nl?: string; en?: string }> = [
  { read: days(-2), nl: 'eergisteren' },
  { read: days(-1), nl: 'gisteren', en: 'yesterday' },
  { read: days(0), nl: 'vandaag', en: 'today' },
  { read: days(1), nl: 'morgen', en: 'tomorrow' },
  { read: week(-1), nl: '(?:vorige|afgelopen) week', en: 'last week' },
  { read: week(0), nl: 'deze week', en: 'this week' },
  { read: week(1), nl: 'volgende week', en: 'next week' },
  { read: months(-1), nl: '(?:vorige|afgelopen) maand', en: 'last month' },
  { read: months(0), nl: 'deze maand', en: 'this month' },
  { read: months(1), nl: 'volgende maand', en: 'next month' },
  { read: years(-1), nl: '(?:vorig|afgelopen) jaar', en: 'last year' },
  { read: years(0), nl: 'dit jaar', en: 'this year' },
  { read: years(1), nl: 'volgend jaar', en: 'next year' },
];

function relativeRules(language: 'nl' | 'en'): Rule[] {
  return RELATIVE.flatMap((entry) => (entry[language] ? [rule(entry[language]!, entry.read)] : []));
}

const NL_RELATIVE: RelativeWords = {
  rangeWords: ['tussen', 'en', 'van', 'tot(?: en met)?'],
  monthPrepositions: 'in|begin|eind|half|medio|sinds|vanaf|per',
  rules: relativeRules('nl'),
};

const EN_RELATIVE: RelativeWords = {
  rangeWords: ['between', 'and', 'from', 'to|until|through'],
  monthPrepositions: 'in|early|late|mid|since|from|until|by',
  rules: relativeRules('en'),
};

function yearOf(date: ArticleDate): number {
  return Number(date.value.slice(0, 4));
}

function yearDate(year: number): EventDate {
  return { value: String(year), precision: 'year' };
}

function monthDate(year: number, month: number): EventDate {
  return { value: `${year}-${String(month).padStart(2, '0')}`, precision: 'month' };
}

/** A day, or null when it does not exist (31 april is not an event date). */
function dayDate(year: number, month: number, day: number): { date: EventDate } | null {
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { date: { value: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, precision: 'day' as DatePrecision } };
}

function shiftDay(value: string, offset: number): EventDate {
  const date = new Date(Date.parse(`${value}T00:00:00Z`) + offset * 86_400_000);
  return { value: date.toISOString().slice(0, 10), precision: 'day' };
}

/** 0 for Monday … 6 for Sunday. */
function weekday(value: string): number {
  return (new Date(`${value}T00:00:00Z`).getUTCDay() + 6) % 7;
}
