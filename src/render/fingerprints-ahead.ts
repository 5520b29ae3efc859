/**
 * Fingerprints of pages taken while the main thread would otherwise wait.
 * After one edit, a build's main thread waits for the kinship and search
 * threads (related articles and the search index, both over the whole
 * archive) with little else to do, and then stamps every page for the page
 * memory: together 1.5 s of 8 at 16 000 articles. Those stamps are taken in
 * the wait instead: while kinship settles, those of lists, which read cards,
 * never related articles or stories (render/stamps.ts); once it has settled,
 * any page's. The render takes them from here instead of stamping again.
 */
import type { Page } from '../model.js';
import type { PageTable } from '../page-memory.js';
import { pageFingerprint } from './fingerprint.js';
import { fileForUrl } from './urls.js';

/** Milliseconds of stamping between turns: the exports made in turns and the threads' answers get theirs. */
const TURN_MS = 8;

/** When to take which fingerprints: lists' from the start, the others' once `kinship` settles, none once `stop` does. */
export interface AheadSignals {
  kinship: Promise<unknown>;
  stop: Promise<unknown>;
}

/**
 * Fingerprints of stamped pages whose file the spare copy holds (`spare`: no other is asked for), taken in turns
 * until `stop` settles or every one is taken: while `kinship` is pending only those whose stamps read none
 * (`Page.stampBeforeKinship`). Never rejects: a page whose stamp fails is left to the render, which reports it.
 */
export async function fingerprintsAhead(pages: readonly Page[], salt: string, spare: PageTable, signals: AheadSignals): Promise<Map<Page, string>> {
  const taken = new Map<Page, string>();
  let settled = false;
  let stopped = false;
  signals.kinship.then(() => (settled = true), () => (stopped = true));
  signals.stop.then(() => (stopped = true), () => (stopped = true));
  // A page left for after kinship, in the order met.
  const later: Page[] = [];
  // Any answer in already is taken first.
  await turn();
  let started = performance.now();
  const take = async (page: Page): Promise<boolean> => {
    try {
      taken.set(page, pageFingerprint(salt, page));
    } catch {
      return false;
    }
    if (performance.now() - started > TURN_MS) {
      await turn();
      started = performance.now();
    }
    return !stopped;
  };
  for (const page of pages) {
    if (stopped) return taken;
    if (!page.stamp || !spare.has(fileForUrl(page.url))) continue;
    if (!settled && !page.stampBeforeKinship) later.push(page);
    else if (!(await take(page))) return taken;
  }
  if (later.length && !settled) await Promise.race([signals.kinship, signals.stop]).catch(() => undefined);
  for (const page of later) if (stopped || !(await take(page))) return taken;
  return taken;
}

function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
