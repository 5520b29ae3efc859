/**
 * Large JSON exports as bytes, built in pieces: `api/topics.json` of a
 * 100 000-article archive is larger than the longest string V8 can make
 * (about 512 MiB), so JSON.stringify of the whole would throw.
 */

/** The bytes of `JSON.stringify(value)`; the outer `depth` levels of arrays and objects are written piece by piece. */
export function jsonBytes(value: unknown, depth = 3): Buffer {
  const parts: Buffer[] = [];
  let pending = '';
  const emit = (text: string) => {
    pending += text;
    if (pending.length > 1 << 20) {
      parts.push(Buffer.from(pending));
      pending = '';
    }
  };
  const visit = (item: unknown, level: number) => {
    if (level < depth && Array.isArray(item)) {
      emit('[');
      item.forEach((element, i) => {
        if (i) emit(',');
        visit(element, level + 1);
      });
      emit(']');
    } else if (level < depth && item !== null && typeof item === 'object' && typeof (item as { toJSON?: unknown }).toJSON !== 'function' && Object.getPrototypeOf(item) === Object.prototype) {
      emit('{');
      let first = true;
      for (const [key, element] of Object.entries(item)) {
        if (element === undefined || typeof element === 'function' || typeof element === 'symbol') continue;
        emit(`${first ? '' : ','}${JSON.stringify(key)}:`);
        first = false;
        visit(element, level + 1);
      }
      emit('}');
    } else {
      // As JSON.stringify writes an array element it cannot represent.
      emit(JSON.stringify(item) ?? 'null');
    }
  };
  visit(value, 0);
  parts.push(Buffer.from(pending));
  return Buffer.concat(parts);
}
