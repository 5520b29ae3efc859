/**
 * What a page's view may carry besides the fields its template reads: HTML
 * made before the page (fragments), or the error that stopped a partial from
 * making it. Fragments sit under a symbol, which `JSON.stringify` skips: a
 * render thread gets them as strings beside the view's JSON (copied, never
 * escaped and parsed), and the template reads them as `fragments[n]`.
 */

/** The key of a view's fragments (HTML strings its fields point to by index). */
const FRAGMENTS = Symbol('fragments');

/** The key of how many of a view's fragments, from the first, are shared: the same strings on many pages. */
const SHARED = Symbol('shared fragments');

/** The key of a view's late texts (`withLateTexts`). */
const LATE = Symbol('late texts');

/** A string field of a view that is read only when its page is rendered (an article's body, which waits in the spill file). */
export interface LateText {
  /** The keys from the view to the field. */
  path: string[];
  /** Reads the text, in the thread that made the view; a render thread may read it from the spill file instead. */
  read: () => string;
}

/**
 * A view with fields left empty until its page is rendered: `fillLateTexts`
 * reads them, or a render thread reads them from where they wait (the main
 * thread neither reads a body nor escapes it into JSON for the thread to parse).
 */
export function withLateTexts<T extends object>(view: T, texts: LateText[]): T {
  (view as Record<symbol, unknown>)[LATE] = texts;
  return view;
}

/** A view's late texts, or null when it has none. */
export function lateTextsOf(view: object): LateText[] | null {
  return ((view as Record<symbol, unknown>)[LATE] as LateText[] | undefined) ?? null;
}

/** Reads each of the view's late texts into its field, once. */
export function fillLateTexts(view: object): void {
  const texts = lateTextsOf(view);
  if (!texts) return;
  for (const { path, read } of texts) setAt(view, path, read());
  delete (view as Record<symbol, unknown>)[LATE];
}

/** Sets the field at `path` (keys from `view`) to `value`. */
export function setAt(view: object, path: readonly string[], value: unknown): void {
  let holder = view as Record<string, unknown>;
  for (const key of path.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
  holder[path[path.length - 1]!] = value;
}

/** The key of a view whose partial failed to render: the view holds the error instead. */
const FAILED = '\u0000failed';

/**
 * A fragment: its HTML, or the items whose HTML joined is its HTML (a list's
 * entries: an event or a card shows on many pages, and a render thread is sent
 * each item once while it keeps it, workers/fragment-slots.ts).
 */
export type Fragment = string | readonly FragmentItem[];

/** An item of a fragment: its HTML, and a number no other item of this thread has (what render threads keep it by). */
export interface FragmentItem {
  readonly id: number;
  readonly html: string;
}

let itemsMade = 0;

/** A new item of HTML, with a number of its own (a 30-bit one: a render thread keeps numbers in an Int32Array). */
export function fragmentItem(html: string): FragmentItem {
  const id = itemsMade;
  itemsMade = (itemsMade + 1) & 0x3fff_ffff;
  return { id, html };
}

/** A fragment's HTML. */
export function fragmentHtml(fragment: Fragment): string {
  if (typeof fragment === 'string') return fragment;
  let html = '';
  for (const item of fragment) html += item.html;
  return html;
}

/**
 * A view with HTML fragments it points to by index. The first `shared` are
 * the same strings on many pages (a timeline's axis): a render thread is sent
 * each of those once (workers/fragment-slots.ts).
 */
export function withFragments<T extends object>(view: T, fragments: Fragment[], shared = 0): T {
  (view as Record<symbol, unknown>)[FRAGMENTS] = fragments;
  if (shared > 0) (view as Record<symbol, unknown>)[SHARED] = shared;
  return view;
}

/** A view's fragments, or null when it has none. */
export function fragmentsOf(view: object): Fragment[] | null {
  return ((view as Record<symbol, unknown>)[FRAGMENTS] as Fragment[] | undefined) ?? null;
}

/** How many of the view's fragments, from the first, are shared with other pages. */
export function sharedFragmentsOf(view: object): number {
  return ((view as Record<symbol, unknown>)[SHARED] as number | undefined) ?? 0;
}

/** The view of a page a partial failed for: the page is reported with the error and not written (`renderHtml`). */
export function failedView(error: unknown): Record<string, unknown> {
  return { [FAILED]: error instanceof Error ? error.message : String(error) };
}

/** The error a failed view holds, else null. */
export function failureOf(view: Record<string, unknown>): string | null {
  return typeof view[FAILED] === 'string' ? view[FAILED] : null;
}
