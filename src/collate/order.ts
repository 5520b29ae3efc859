/**
 * The archive's one order: dated articles newest first by the date as
 * written, undated last, ties by id, so output never depends on file order.
 */
import type { Article } from '../model.js';

/** Newest first; within one day by written time; undated last; then by id. */
export function compareNewestFirst(a: Article, b: Article): number {
  if (a.date && !b.date) return -1;
  if (!a.date && b.date) return 1;
  if (a.date && b.date) {
    if (a.date.value !== b.date.value) return a.date.value < b.date.value ? 1 : -1;
    const at = instantOf(a.date.value, a.date.time);
    const bt = instantOf(b.date.value, b.date.time);
    if (at !== bt) return bt - at;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function instantOf(value: string, time: string | undefined): number {
  if (!time || value.length !== 10) return 0;
  const parsed = Date.parse(`${value}T${time}`);
  return Number.isNaN(parsed) ? 0 : parsed;
}
