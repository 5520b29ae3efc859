/**
 * The one module that imports rehype-sanitize: an explicit allow-list of what
 * an article body may contain. No script, style, event handler, frame, form or
 * `javascript:`/`data:` URL survives.
 */
import type { Root } from 'hast';
import rehypeSanitize, { defaultSchema, type Options as Schema } from 'rehype-sanitize';

const BLOCKS = ['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'pre', 'hr', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'div', 'section'];
const INLINE = ['a', 'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'code', 'kbd', 'mark', 'q', 'abbr', 'cite', 'small', 'span', 'br', 'img', 'time'];

/** The allow-list; `h1` is demoted to `h2` before sanitising, since a page has one title. */
export const bodySchema: Schema = {
  ...defaultSchema,
  tagNames: [...BLOCKS, ...INLINE],
  strip: ['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'form', 'button', 'select', 'textarea'],
  attributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    p: [['className', 'caption', 'intro', 'lead']],
    abbr: ['title'],
    time: ['dateTime'],
    td: ['colSpan', 'rowSpan'],
    th: ['colSpan', 'rowSpan', 'scope'],
    ol: ['start', 'reversed'],
    q: ['cite'],
    blockquote: ['cite'],
  },
  protocols: { href: ['http', 'https', 'mailto'], src: ['http', 'https'], cite: ['http', 'https'] },
  clobberPrefix: 'artikel-',
  required: {},
};

const sanitiser = (rehypeSanitize as unknown as (schema: Schema) => (tree: Root) => Root)(bodySchema);

/** Returns a sanitised copy of a body tree. */
export function sanitiseBody(tree: Root): Root {
  return sanitiser(tree);
}
