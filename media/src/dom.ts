/**
 * The only way the viewer builds DOM: elements with text content and attributes, never HTML strings.
 * Trace files are untrusted (a span may be named `<img src=x onerror=alert(1)>`), so nothing from a trace is
 * ever parsed as markup; and since the page's CSP forbids inline styles, styles are set through the CSSOM.
 */

export interface ElementOptions {
  readonly className?: string;
  readonly text?: string;
  readonly title?: string;
  readonly attrs?: Readonly<Record<string, string>>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  children: readonly (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.text !== undefined) element.textContent = options.text;
  if (options.title !== undefined) element.title = options.title;
  for (const [name, value] of Object.entries(options.attrs ?? {})) element.setAttribute(name, value);
  for (const child of children) element.append(child);
  return element;
}

/** Replaces an element's children (strings become text nodes). */
export function setChildren(parent: Element, children: readonly (Node | string)[]): void {
  parent.replaceChildren(...children);
}

/** Sets text only when it changed: virtualized rows are reused on every scroll frame. */
export function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}
