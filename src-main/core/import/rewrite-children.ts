import type { Element, ElementContent, Root } from 'hast';

/**
 * Rewrites the children of every element of `tree`: each child element is replaced by what
 * `standIn` gives for it, and walked into only when it is kept among those nodes. `tidy` gets
 * each rewritten list of children before it is set. Doctypes are dropped (a parsed fragment has
 * none; were there one, it would have no place in the text); text and comments stay as they are.
 * Iterative, not recursive: documents can nest very deeply.
 */
export function rewriteChildren(
  tree: Root,
  standIn: (element: Element) => ElementContent[],
  tidy: (children: ElementContent[]) => ElementContent[] = (children) => children,
): void {
  const stack: Array<Root | Element> = [tree];
  for (let parent = stack.pop(); parent; parent = stack.pop()) {
    const children: ElementContent[] = [];
    for (const child of parent.children) {
      if (child.type === 'doctype') continue;
      if (child.type !== 'element') {
        children.push(child);
        continue;
      }
      const nodes = standIn(child);
      if (nodes.includes(child)) stack.push(child);
      children.push(...nodes);
    }
    parent.children = tidy(children);
  }
}
