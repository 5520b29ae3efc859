/**
 * Comparing hast trees made by different readers of the same text.
 */
import type { Root, RootContent } from 'hast';

/** The tree with no source position anywhere, for comparing what it holds. */
export function withoutPositions(node: Root | RootContent): unknown {
  const { position: _position, ...rest } = node as RootContent & { children?: RootContent[] };
  return 'children' in rest && rest.children ? { ...rest, children: rest.children.map(withoutPositions) } : rest;
}
