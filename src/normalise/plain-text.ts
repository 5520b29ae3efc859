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

const RELATED_LEAD = /(?:^|(?<=[.!?]["'”’)]?\s+))(?:Lees ook|Zie ook|Bekijk ook|Lees verder|See also|Read also|Read more)\s*:\s*/i;
const CAPTION_LEAD = /^(?:foto|beeld|photo|image|afbeelding)\s*:/i;
/** Words that, capitalised mid-sentence and followed by a lower-case word, start a new sentence in Dutch. */
const SENTENCE_STARTERS =
  'De|Het|Een|Dat|Die|Deze|Dit|Zo|Ook|Maar|En|Er|Hij|Zij|Ze|Wij|We|Ik|In|Op|Met|Voor|Na|Bij|Door|Om|Volgens|Zonder|Toch|Daarbij|Daarnaast|Nu|Wel|Niet|Al|Als|Want|Sinds|Tijdens|Vooral|Verder|Ondertussen|Intussen|Eerder|Inmiddels|Daarom|Omdat|Wat|Hoe|Waarom';
/** Words a subheading does not start with: a run starting with them is an ordinary sentence. */
const NOT_HEADING_START = /^(?:Hij|Zij|Ze|Wij|We|Ik|Er|Dat|Die|Dit|Deze|Ook|Maar|En|Want|Toch|Zo|Nu|Als|Omdat|Dan|Volgens)$/;
const GLUED_HEADING = new RegExp(
  `(?<=[.!?]["'”’)]?)\\s+([A-Z0-9À-Ý][^\\s.!?,:;]*(?:\\s+[^\\s.!?,:;]+){0,6}?)\\s+(?=(?:${SENTENCE_STARTERS})\\s+[a-zà-ÿ])`,
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
    const lead = RELATED_LEAD.exec(text);
    if (lead) {
      alsoRead.push(...splitReferences(text.slice(lead.index + lead[0].length)));
      text = text.slice(0, lead.index).trim();
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

/** `… Ericsson. EU-lidstaten beducht voor risico's Een ban …` → paragraph, heading, paragraph. */
function splitGluedHeadings(text: string, line: number): TextBlock[] {
  const blocks: TextBlock[] = [];
  let rest = text;
  GLUED_HEADING.lastIndex = 0;
  let match: RegExpExecArray | null;
  let cursor = 0;
  while ((match = GLUED_HEADING.exec(text))) {
    const heading = match[1]!;
    if (NOT_HEADING_START.test(heading.split(' ')[0]!)) continue;
    blocks.push({ kind: 'paragraph', text: text.slice(cursor, match.index).trim(), line });
    blocks.push({ kind: 'heading', text: heading, line });
    cursor = match.index + match[0].length;
    rest = text.slice(cursor);
  }
  blocks.push({ kind: 'paragraph', text: (cursor ? rest : text).trim(), line });
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
