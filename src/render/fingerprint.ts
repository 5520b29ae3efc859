/**
 * Page fingerprints that cost a fraction of the page's JSON. Views that many
 * pages show (an article's card, a timeline event, a topic's axis) pass
 * through `sharedView` whenever a page's view takes them and never change;
 * in a fingerprint each stands by the hash of its own JSON, made once per
 * build, so a build that finds most pages unchanged neither writes out nor
 * sends what they show.
 */
import { createHash } from 'node:crypto';
import { fillLateTexts, fragmentsOf, type Fragment } from './page-view.js';

/** A shared view's hash and the object that stands for it in fingerprints (made when first needed). */
interface StandIn {
  hash: string;
  object: Record<string, string>;
}

const shared = new WeakMap<object, StandIn | null>();

/** A shared view in a fingerprint: a key no view has, so it never reads like the view's own content. */
const SHARED_KEY = '\u0000shared';

/** True while `standInFingerprint` makes a view: shared views then come back as their stand-ins. */
let standingIn = false;

/** Marks a view as shown on many pages (it must not change once marked) and gives it to the page's view. */
export function sharedView<T extends object>(view: T): T {
  if (standingIn) return standInOf(view) as T;
  if (!shared.has(view)) shared.set(view, null);
  return view;
}

function standInOf(view: object): Record<string, string> {
  let known = shared.get(view);
  if (!known) {
    const hash = createHash('sha1').update(JSON.stringify(view)).digest('base64');
    shared.set(view, (known = { hash, object: { [SHARED_KEY]: hash } }));
  }
  return known.object;
}

function replacer(key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || key === '' || !shared.has(value)) return value;
  return standInOf(value);
}

/** What a page's bytes depend on besides the salt (templates, code, options): same fingerprint, same bytes. */
export function viewFingerprint(salt: string, template: string, url: string, view: Record<string, unknown>): string {
  fillLateTexts(view);
  return hashOf(salt, template, url, JSON.stringify(view, replacer), fragmentsOf(view));
}

/**
 * The page's fingerprint, its view made with every shared view standing in:
 * the same as `viewFingerprint` of its whole view, by native JSON with no
 * replacer (which is most of the cost when a build skips nearly every page).
 */
export function standInFingerprint(salt: string, page: { template: string; url: string; view: Record<string, unknown> }): string {
  standingIn = true;
  let view: Record<string, unknown>;
  try {
    view = page.view;
  } finally {
    standingIn = false;
  }
  fillLateTexts(view);
  return hashOf(salt, page.template, page.url, JSON.stringify(view), fragmentsOf(view));
}

/** What a page is made from, as the page memory keeps it: a stamped page's stamp (no view made), else its view's fingerprint with shared views standing in. */
export function pageFingerprint(salt: string, page: { template: string; url: string; view: Record<string, unknown>; stamp?: () => string }): string {
  return page.stamp ? stampFingerprint(salt, page.template, page.url, page.stamp()) : standInFingerprint(salt, page);
}

/** `pageFingerprint` when the page's whole view is made already (to be rendered): for an unstamped page, its fingerprint costs no second view. */
export function madeFingerprint(salt: string, page: { template: string; url: string; stamp?: () => string }, view: Record<string, unknown>): string {
  return page.stamp ? stampFingerprint(salt, page.template, page.url, page.stamp()) : viewFingerprint(salt, page.template, page.url, view);
}

function stampFingerprint(salt: string, template: string, url: string, stamp: string): string {
  // A key no view's JSON starts with: a stamp never reads like a view.
  return hashOf(salt, template, url, `\u0000stamp ${stamp}`, null);
}

/** The view's JSON and its fragments (render/page-view.ts), which its JSON leaves out. */
function hashOf(salt: string, template: string, url: string, json: string, fragments: Fragment[] | null): string {
  // The short parts in one update (each update is a call into C++; 26 000 pages' stamps are checked after one edit), the same bytes.
  const hash = createHash('sha1').update(`${salt}\0${template}\0${url}\0`).update(json);
  for (const fragment of fragments ?? []) {
    hash.update('\0fragment\0');
    // A fragment's items hashed one after another: the hash of the HTML they make joined.
    if (typeof fragment === 'string') hash.update(fragment);
    else for (const item of fragment) hash.update(item.html);
  }
  return hash.digest('hex');
}
