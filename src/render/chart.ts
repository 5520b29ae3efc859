/**
 * Bar charts drawn as inline SVG at build time: the archive per month on the
 * index, a topic per year on its timeline. No script, no inline CSS: what a
 * reader sees is in the markup, with a text alternative.
 */

/** One bar group: a label, counts per series, and where it links (if anywhere). */
export interface ChartColumn {
  key: string;
  label: string;
  values: number[];
  url?: string | null;
}

/** A chart ready for the template: the SVG markup (trusted, built here) and its summary. */
export interface Chart {
  svg: string;
  summary: string;
}

const HEIGHT = 120;
const AXIS = 18;
const PLOT = HEIGHT - AXIS;
const SERIES_CLASSES = ['bar', 'bar bar-alt'];

/**
 * Draws columns left to right. `tickEvery` decides which columns get a label
 * under the axis (e.g. January of each year). Links use `hrefFor`, which adds
 * the deploy base path.
 */
export function barChart(columns: ChartColumn[], options: { id: string; title: string; summary: string; tickFor: (column: ChartColumn, index: number) => string | null; hrefFor: (url: string) => string }): Chart {
  const series = Math.max(1, ...columns.map((c) => c.values.length));
  const step = columns.length > 120 ? 4 : columns.length > 40 ? 8 : 24;
  const barWidth = Math.max(1, (step - 2) / series);
  const width = Math.max(step * columns.length, 60);
  const most = Math.max(1, ...columns.flatMap((c) => c.values));
  const bars: string[] = [];
  const ticks: string[] = [];
  columns.forEach((column, i) => {
    const x = i * step;
    const rects = column.values
      .map((value, s) => {
        const h = value ? Math.max(1, Math.round((value / most) * (PLOT - 4))) : 0;
        return h ? `<rect class="${SERIES_CLASSES[s % SERIES_CLASSES.length]}" x="${x + 1 + s * barWidth}" y="${PLOT - h}" width="${barWidth}" height="${h}"/>` : '';
      })
      .join('');
    const tooltip = `<title>${escapeXml(column.label)}</title>`;
    const group = `<g>${tooltip}<rect class="hit" x="${x}" y="0" width="${step}" height="${PLOT}"/>${rects}</g>`;
    bars.push(column.url ? `<a href="${escapeXml(options.hrefFor(column.url))}" aria-label="${escapeXml(column.label)}">${group}</a>` : group);
    const tick = options.tickFor(column, i);
    // Wide columns get their label centred; narrow ones (months) start it at the column.
    const centred = step >= 20;
    const at = ((centred ? x + step / 2 : x) / width) * 100;
    if (tick) ticks.push(`<text class="tick" x="${at.toFixed(2)}%" y="${HEIGHT - 4}"${centred ? ' text-anchor="middle"' : ''}>${escapeXml(tick)}</text>`);
  });
  // The bars stretch to any width; the labels sit on an outer, unstretched layer so text is never distorted.
  const svg =
    // role="img" only when nothing inside is a link: an image may not contain interactive children.
    `<svg class="chart" role="${columns.some((c) => c.url) ? 'group' : 'img'}" aria-labelledby="${options.id}" width="100%" height="${HEIGHT}">` +
    `<title id="${options.id}">${escapeXml(options.title)}</title>` +
    `<svg viewBox="0 0 ${width} ${PLOT}" preserveAspectRatio="none" width="100%" height="${PLOT}">` +
    `<line class="baseline" x1="0" x2="${width}" y1="${PLOT}" y2="${PLOT}"/>${bars.join('')}</svg>${ticks.join('')}</svg>`;
  return { svg, summary: options.summary };
}

/** Escapes text for XML/HTML content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Every month from the first to the last key (`YYYY-MM`), gaps included, at most `limit` months back from the last. */
export function monthRange(first: string, last: string, limit = 600): string[] {
  const toIndex = (key: string) => Number(key.slice(0, 4)) * 12 + Number(key.slice(5, 7)) - 1;
  const end = toIndex(last);
  const start = Math.max(toIndex(first), end - limit + 1);
  return Array.from({ length: end - start + 1 }, (_, i) => {
    const n = start + i;
    return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
  });
}
