/**
 * Bounds on what one article may make the parsers do: HTML nested thousands
 * deep, or Markdown quoted or indented thousands of levels, would overflow the
 * stack or take minutes. Nesting past a sane depth is flattened before
 * parsing; no text is removed, only the structure that goes too deep.
 */

/** Element nesting kept in HTML bodies. */
export const MAX_HTML_DEPTH = 100;
/** Quote and list levels kept in Markdown. */
export const MAX_MARKDOWN_DEPTH = 20;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** Drops opening (and matching closing) tags past `max` levels; returns how many were dropped. */
export function limitHtmlNesting(html: string, max = MAX_HTML_DEPTH): { html: string; dropped: number } {
  if (!/<[a-z]/i.test(html)) return { html, dropped: 0 };
  const open: Array<{ name: string; kept: boolean }> = [];
  let depth = 0;
  let dropped = 0;
  const result = html.replace(/<(\/?)([a-zA-Z][\w:-]*)([^>]*)>/g, (tag, closing: string, rawName: string, rest: string) => {
    const name = rawName.toLowerCase();
    if (VOID.has(name) || rest.trimEnd().endsWith('/')) return tag;
    if (!closing) {
      const kept = depth < max;
      open.push({ name, kept });
      if (kept) depth++;
      else dropped++;
      return kept ? tag : ' ';
    }
    const at = open.map((o) => o.name).lastIndexOf(name);
    if (at === -1) return tag;
    const [match] = open.splice(at, 1);
    if (match!.kept) depth--;
    return match!.kept ? tag : ' ';
  });
  return { html: result, dropped };
}

/** Caps runs of quote markers and deep indentation; returns how many lines were clipped. */
export function limitMarkdownNesting(markdown: string, max = MAX_MARKDOWN_DEPTH): { markdown: string; clipped: number } {
  let clipped = 0;
  const maxIndent = max * 4;
  const lines = markdown.split('\n').map((line) => {
    const quotes = /^((?:[ \t]*>){21,})/.exec(line);
    let out = line;
    if (quotes) {
      out = `${'>'.repeat(max)} ${out.slice(quotes[1]!.length)}`;
      clipped++;
    }
    const indent = /^[ \t]+/.exec(out)?.[0].length ?? 0;
    if (indent > maxIndent) {
      out = ' '.repeat(maxIndent) + out.slice(indent);
      clipped++;
    }
    return out;
  });
  return { markdown: clipped ? lines.join('\n') : markdown, clipped };
}
