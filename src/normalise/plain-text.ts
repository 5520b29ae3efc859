/**
 * Plain text to structure: a title line, paragraphs, subheadings (also when
 * glued into a paragraph), photo captions and `Lees ook` references.
 */
import type { RelatedRef } from '../model.js';
import { oneSpaced } from '../text.js';
import { readsAsTitle, TERMINAL_PUNCTUATION } from './title.js';

/** One block of a plain-text body. */
export interface TextBlock {
  kind: 'paragraph' | 'heading' | 'caption';
  text: string;
  line: number;
}

/** What a plain-text body holds. */
export interface PlainText {
  title: { text: string; line: number } | null;
  blocks: TextBlock[];
  alsoRead: RelatedRef[];
}

/**
 * `Lees ook:` at the start or after a sentence. What comes before the words (the mark and white space) is matched,
 * its length the first group, where a lookbehind was tried at every position of every paragraph (a seventh of the
 * time a plain-text article took).
 */
const RELATED_LEAD = /(^|[.!?]["'”’)]?\s+)(?:Lees ook|Zie ook|Bekijk ook|Lees verder|See also|Read also|Read more)\s*:\s*/i;
const CAPTION_LEAD = /^(?:foto|beeld|photo|image|afbeelding)\s*:/i;
/** Words that, capitalised mid-sentence and followed by a lower-case word, start a new sentence in Dutch. */
const SENTENCE_STARTERS =
  'De|Het|Een|Dat|Die|Deze|Dit|Zo|Ook|Maar|En|Er|Hij|Zij|Ze|Wij|We|Ik|In|Op|Met|Voor|Na|Bij|Door|Om|Volgens|Zonder|Toch|Daarbij|Daarnaast|Nu|Wel|Niet|Al|Als|Want|Sinds|Tijdens|Vooral|Verder|Ondertussen|Intussen|Eerder|Inmiddels|Daarom|Omdat|Wat|Hoe|Waarom';
/** Words a subheading does not start with: a run starting with them is an ordinary sentence. */
const NOT_HEADING_START = /^(?:Hij|Zij|Ze|Wij|We|Ik|Er|Dat|Die|Dit|Deze|Ook|Maar|En|Want|Toch|Zo|Nu|Als|Omdat|Dan|Volgens)$/;
/** A subheading glued between two sentences; the sentence's mark is matched (the first group), not looked behind for at every position. */
const GLUED_HEADING = new RegExp(
  `([.!?]["'”’)]?)\\s+([A-Z0-9À-Ý][^\\s.!?,:;]*(?:\\s+[^\\s.!?,:;]+){0,6}?)\\s+(?=(?:${SENTENCE_STARTERS})\\s+[a-zà-ÿ])`,
  'g',
);

/** Splits plain text into blocks; `dutch` enables the glued-subheading rule, which relies on Dutch capitalisation. */
export function readPlainText(body: string, bodyLine: number, dutch: boolean): PlainText {
  const paragraphs = splitParagraphs(body, bodyLine);
  let title: PlainText['title'] = null;
  const first = paragraphs[0];
  if (first && first.lines === 1 && paragraphs.length > 1 && readsAsTitle(first.text)) {
    title = { text: first.text, line: first.line };
    paragraphs.shift();
  }
  const alsoRead: RelatedRef[] = [];
  const blocks: TextBlock[] = [];
  paragraphs.forEach((paragraph, index) => {
    let text = paragraph.text;
    const lead = relatedLead(text);
    if (lead) {
      alsoRead.push(...splitReferences(text.slice(lead.rest)));
      text = text.slice(0, lead.start).trim();
      if (!text) return;
    }
    const isLast = index === paragraphs.length - 1;
    const kind = classify(text, isLast);
    if (kind !== 'paragraph') blocks.push({ kind, text, line: paragraph.line });
    else blocks.push(...(dutch ? splitGluedHeadings(text, paragraph.line) : [{ kind, text, line: paragraph.line }]));
  });
  return { title, blocks, alsoRead };
}

interface Paragraph {
  text: string;
  line: number;
  lines: number;
}

function splitParagraphs(body: string, bodyLine: number): Paragraph[] {
  const out: Paragraph[] = [];
  let current: string[] = [];
  let start = bodyLine;
  const flush = () => {
    if (current.length) out.push({ text: oneSpaced(current.join(' ')).trim(), line: start, lines: current.length });
    current = [];
  };
  body.split('\n').forEach((line, i) => {
    const trimmed = line.replace(/\t/g, ' ').trim();
    if (!trimmed) return flush();
    // A heading-like line followed directly by text is its own block, blank line or not.
    const previous = current[current.length - 1];
    if (previous !== undefined && isHeadingLike(previous) && !isHeadingLike(trimmed) && (current.length === 1 || /[.!?]$/.test(current[current.length - 2]!))) {
      const heading = current.pop()!;
      flush();
      out.push({ text: heading, line: bodyLine + i - 1, lines: 1 });
      start = bodyLine + i;
    }
    if (!current.length) start = bodyLine + i;
    current.push(trimmed);
  });
  flush();
  return out;
}

function classify(text: string, isLast: boolean): TextBlock['kind'] {
  if (CAPTION_LEAD.test(text)) return 'caption';
  if (TERMINAL_PUNCTUATION.test(text)) return 'paragraph';
  if (!isLast && isHeadingLike(text)) return 'heading';
  const words = text.split(' ').length;
  if (words <= 30 && (text.includes(',') || words >= 5)) return 'caption';
  return 'paragraph';
}

function isHeadingLike(text: string): boolean {
  return text.length <= 70 && text.split(' ').length <= 8 && /^[\p{Lu}\p{N}]/u.test(text) && !TERMINAL_PUNCTUATION.test(text) && !/[,;]/.test(text);
}

/** Where a paragraph's `Lees ook:` (or the like) starts and where what it names starts, or null. */
export function relatedLead(text: string): { start: number; rest: number } | null {
  const lead = RELATED_LEAD.exec(text);
  return lead ? { start: lead.index + lead[1]!.length, rest: lead.index + lead[0].length } : null;
}

/** Subheadings glued between a paragraph's sentences: where the white space before each starts, the heading, and where the next sentence starts. */
export function gluedHeadings(text: string): Array<{ start: number; heading: string; end: number }> {
  const found: Array<{ start: number; heading: string; end: number }> = [];
  GLUED_HEADING.lastIndex = 0;
  for (let match = GLUED_HEADING.exec(text); match; match = GLUED_HEADING.exec(text)) found.push({ start: match.index + match[1]!.length, heading: match[2]!, end: match.index + match[0].length });
  return found;
}

/** `… Ericsson. EU-lidstaten beducht voor risico's Een ban …` → paragraph, heading, paragraph. */
function splitGluedHeadings(text: string, line: number): TextBlock[] {
  const blocks: TextBlock[] = [];
  let cursor = 0;
  for (const { start, heading, end } of gluedHeadings(text)) {
    if (NOT_HEADING_START.test(heading.split(' ')[0]!)) continue;
    blocks.push({ kind: 'paragraph', text: text.slice(cursor, start).trim(), line });
    blocks.push({ kind: 'heading', text: heading, line });
    cursor = end;
  }
  blocks.push({ kind: 'paragraph', text: text.slice(cursor).trim(), line });
  return blocks.filter((b) => b.text);
}

/** `'Titel een' 'Titel twee'` → two references; unquoted text is one reference. */
function splitReferences(text: string): RelatedRef[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  const quoted = /^['‘"“]/.test(trimmed) && /['’"”]$/.test(trimmed);
  const parts = quoted ? trimmed.slice(1, -1).split(/['’"”]\s+['‘"“]/) : trimmed.split(/\s+\|\s+|\s+[–—]\s+/);
  return parts.map((title) => ({ title: title.trim() })).filter((r) => r.title);
}
