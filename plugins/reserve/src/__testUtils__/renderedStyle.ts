/**
 * The style of an element as a browser cascades it, for asserting a rendered colour.
 *
 * jsdom cascades the style sheets in the order they were attached, a browser in the order of
 * their `<style>` elements. JSS attaches a sheet when a component first uses it but inserts
 * its element in the order of the sheets' creation, so the two differ: a status icon's fill
 * would lose to MUI's `fill: currentColor`, attached later though it comes first. Attaching
 * every `<style>` again in document order makes jsdom cascade as a browser does. jsdom
 * ignores specificity, which is fine for JSS's one-class rules.
 */
export function renderedStyle(element: Element): CSSStyleDeclaration {
  document
    .querySelectorAll('style')
    .forEach(style => style.parentNode?.appendChild(style));
  return getComputedStyle(element);
}

/** The fill of a status component's icon, as rendered. */
export function statusIconFill(status: HTMLElement): string {
  const icon = status.querySelector('svg');
  if (!icon) {
    throw new Error(`No icon in ${status.outerHTML}`);
  }
  return renderedStyle(icon).fill;
}
