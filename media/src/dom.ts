/**
 * The only way the viewer builds DOM: elements with text content and attributes, never HTML strings.
 * Trace files are untrusted (a span may be named `<img src=x onerror=alert(1)>`), so nothing from a trace is
 * ever parsed as markup; and since the page's CSP forbids inline styles, styles are set through the CSSOM.
 * Every text goes through displayed() (common/src/displayText.ts): a right-to-left override in a span name shows as
 * ⟨U+202E⟩ instead of turning `txt.exe` into `exe.txt`, and a 1 MB string is cut to its first 10,000 characters.
 */
import { displayed } from '../../common/src/displayText';

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
  if (options.text !== undefined) element.textContent = displayed(options.text);
  if (options.title !== undefined) element.title = displayed(options.title);
  for (const [name, value] of Object.entries(options.attrs ?? {})) element.setAttribute(name, displayed(value));
  for (const child of children) element.append(typeof child === 'string' ? displayed(child) : child);
  return element;
}

/** Replaces an element's children (strings become text nodes). */
export function setChildren(parent: Element, children: readonly (Node | string)[]): void {
  parent.replaceChildren(...children.map((child) => (typeof child === 'string' ? displayed(child) : child)));
}

/** Sets text only when it changed: virtualized rows are reused on every scroll frame. */
export function setText(element: Element, text: string): void {
  const shown = displayed(text);
  if (element.textContent !== shown) element.textContent = shown;
}
