/**
 * Page fingerprints that cost a fraction of the page's JSON. Views that many
 * pages show (an article's card, a timeline event, a topic's axis) are marked
 * as shared when they are made and never changed after; in a fingerprint each
 * stands by the hash of its own JSON, made once per build, so a build that
 * finds most pages unchanged neither writes out nor sends what they show.
 */
import { createHash } from 'node:crypto';

/** Shared views, with the hash of their JSON once a fingerprint needed it. */
const shared = new WeakMap<object, string | null>();

/** Marks a view as shown on many pages; it must not change once marked. */
export function sharedView<T extends object>(view: T): T {
  if (!shared.has(view)) shared.set(view, null);
  return view;
}

/** A shared view in a fingerprint: a key no view has, so it never reads like the view's own content. */
const SHARED_KEY = '\u0000shared';

function standIn(this: unknown, key: string, value: unknown): unknown {
  if (key === '' || typeof value !== 'object' || value === null || !shared.has(value)) return value;
  let hash = shared.get(value);
  if (!hash) shared.set(value, (hash = createHash('sha1').update(JSON.stringify(value)).digest('base64')));
  return { [SHARED_KEY]: hash };
}

/** What a page's bytes depend on besides the salt (templates, code, options): same fingerprint, same bytes. */
export function viewFingerprint(salt: string, template: string, url: string, view: Record<string, unknown>): string {
  return createHash('sha1').update(salt).update('\0').update(template).update('\0').update(url).update('\0').update(JSON.stringify(view, standIn)).digest('hex');
}
