/**
 * Copying records to add fields. `{ ...base, slug }` is what one would
 * write, but V8 (Node 20) gives every object made that way a hidden class
 * and descriptor list of its own (some 600 bytes for an article record) and
 * takes five times as long: the spread's copy keeps no transitions. A copy by
 * `Object.assign` completed by assignments by name (`copy.slug = …`) shares
 * one hidden class with the other copies. By name, not in a loop over keys:
 * a keyed store turns an object of more than a dozen fields into a
 * dictionary.
 */

/** A shallow copy of `base`, to be completed into a `T` by assigning the fields `T` adds by name. */
export function copyToComplete<T extends object>(base: object): T {
  return Object.assign({}, base) as T;
}
