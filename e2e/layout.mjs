// What the layout test looks for on a page: anything running past the window's right edge, and
// words broken across lines in table cells (the theme lets cells break words anywhere).

/**
 * The layout problems of the page as shown: the document scrolling sideways, anything the
 * window cuts at its right edge, a table (any box) scrolling sideways inside its card unless
 * `scrollingBoxes` allows it, table cells whose one word takes several lines, and words in
 * table cells broken between two letters. Each problem is one line naming what and where.
 */
export async function layoutProblems(page, options = {}) {
  return page.evaluate(
    ({ scrollingBoxes }) => {
      const problems = [];
      const width = window.innerWidth;
      const describe = el => {
        const text = (el.innerText ?? el.textContent ?? '')
          .trim()
          .replace(/\s+/g, ' ')
          .slice(0, 60);
        const cls = String(el.className?.baseVal ?? el.className ?? '')
          .split(/\s+/)
          .filter(Boolean)
          .slice(0, 2)
          .join('.');
        return `<${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}> "${text}"`;
      };
      const visible = el => {
        const style = getComputedStyle(el);
        return style.visibility !== 'hidden' && style.display !== 'none';
      };
      const scrollsSideways = el =>
        ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) &&
        el.scrollWidth > el.clientWidth + 1;
      // How far right an element shows: boxes that clip or scroll their content cut it.
      const shownRight = el => {
        let right = el.getBoundingClientRect().right;
        for (let up = el.parentElement; up; up = up.parentElement) {
          if (getComputedStyle(up).overflowX !== 'visible') {
            right = Math.min(right, up.getBoundingClientRect().right);
          }
        }
        return right;
      };

      const scrollWidth = document.scrollingElement.scrollWidth;
      if (scrollWidth > width) {
        problems.push(
          `the page scrolls sideways: ${scrollWidth} px wide in ${width} px`,
        );
      }

      // Elements the window cuts: report the outermost ones only (their children follow).
      const cut = [];
      for (const el of document.body.querySelectorAll('*')) {
        if (!visible(el)) continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        const right = shownRight(el);
        if (right > width + 0.5 && !cut.some(outer => outer.contains(el))) {
          cut.push(el);
          problems.push(
            `${describe(el)} ends at ${Math.round(
              right,
            )} px, past the window's ${width} px`,
          );
        }
        if (!scrollingBoxes && scrollsSideways(el)) {
          problems.push(
            `${describe(el)} scrolls sideways: ${
              el.scrollWidth
            } px of content in ${el.clientWidth} px`,
          );
        }
      }

      const range = document.createRange();
      // The lines the text of an element takes: boxes on one line overlap vertically (icons
      // beside the text do too), a box below all of them starts a new line.
      const linesOf = el => {
        const rects = [];
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!node.textContent.trim()) continue;
          range.selectNodeContents(node);
          rects.push(...[...range.getClientRects()].filter(r => r.width > 0));
        }
        rects.sort((a, b) => a.top - b.top);
        let lines = 0;
        let bottom = -Infinity;
        for (const rect of rects) {
          if (rect.top >= bottom - 1) lines += 1;
          bottom = Math.max(bottom, rect.bottom);
        }
        return lines;
      };
      // Where a long token may wrap: after one of these (see MessageText's wrap points).
      const separators = new Set(['-', '/', ':', '.', '@', '=', ',', ';', '_']);
      for (const cell of document.querySelectorAll('td, th')) {
        if (!visible(cell)) continue;
        const text = cell.innerText.trim();
        if (text && !/\s/.test(text)) {
          const lines = linesOf(cell);
          if (lines > 1) {
            problems.push(`the word in ${describe(cell)} takes ${lines} lines`);
            continue;
          }
        }
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const value = node.textContent;
          let previousTop;
          for (let i = 0; i < value.length; i++) {
            if (/\s/.test(value[i])) {
              previousTop = undefined;
              continue;
            }
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = [...range.getClientRects()].find(r => r.width > 0);
            if (!rect) continue;
            const top = Math.round(rect.top);
            if (
              previousTop !== undefined &&
              top > previousTop + 2 &&
              !separators.has(value[i - 1])
            ) {
              const word =
                value.slice(0, i).split(/\s/).pop() +
                value.slice(i).split(/\s/)[0];
              problems.push(
                `"${word}" breaks between "${value[i - 1]}" and "${
                  value[i]
                }" in ${describe(cell)}`,
              );
              break;
            }
            previousTop = top;
          }
        }
      }
      return problems;
    },
    { scrollingBoxes: Boolean(options.scrollingBoxes) },
  );
}
