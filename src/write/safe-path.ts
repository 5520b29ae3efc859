/**
 * Output paths are checked before anything is written: relative, no `..`,
 * no NUL, no backslash or drive letter, so no title or slug can write outside
 * the output folder.
 */

/** True when `path` names a file strictly inside the output folder. */
export function isSafeOutputPath(path: string): boolean {
  if (!path || path.length > 1024 || path.includes('\0') || path.includes('\\')) return false;
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..' && segment.length <= 255);
}
