// The checks tests/browser/sweep.py runs in a page: one object of functions, evaluated as
// `(source).name()`. They only read the page (text200 enlarges the text until text100).
({
  // "tag#id.class "some of its text"", to say which element is at fault.
  describe(el) {
    let text = el.tagName.toLowerCase();
    if (el.id) text += `#${el.id}`;
    if (el.classList.length) text += `.${Array.from(el.classList).join(".")}`;
    const words = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return words ? `${text} "${words}"` : text;
  },

  // A table's own scroll region: focusable, a named region, holding a table.
  isTableRegion(el) {
    return (
      el.matches('[role="region"][tabindex="0"]') &&
      (el.hasAttribute("aria-labelledby") || el.hasAttribute("aria-label")) &&
      el.querySelector("table") !== null
    );
  },

  innermost(elements) {
    return elements.filter((el) => !elements.some((other) => other !== el && el.contains(other)));
  },

  // The page scrolling sideways (and what makes it wide), and anything else that scrolls
  // sideways but a table's own scroll region.
  reflow() {
    const width = window.innerWidth;
    const all = Array.from(document.body.querySelectorAll("*"));
    const problems = [];
    const pageWidth = document.documentElement.scrollWidth;
    if (pageWidth > width) {
      let wide = all.filter(
        (el) =>
          !el.closest('[role="region"][tabindex="0"]') &&
          el.getBoundingClientRect().right > width + 0.5,
      );
      if (!wide.length) {
        // Something drawn outside its own box: the boxes it overflows.
        wide = all.filter((el) => el.scrollWidth > width);
      }
      const culprits = this.innermost(wide)
        .slice(0, 4)
        .map((el) => `${this.describe(el)} (to ${Math.round(el.getBoundingClientRect().right)}px)`);
      problems.push(
        `the page is ${pageWidth}px wide in a ${width}px window, because of: ${culprits.join("; ")}`,
      );
    }
    for (const el of all) {
      if (!/(auto|scroll)/.test(getComputedStyle(el).overflowX)) continue;
      if (el.scrollWidth <= el.clientWidth + 1 || this.isTableRegion(el)) continue;
      problems.push(
        `${this.describe(el)} scrolls sideways (${el.scrollWidth}px in ${el.clientWidth}px) ` +
          "but is not a table in a focusable, named scroll region",
      );
    }
    return problems;
  },

  // Text at 200%, as a browser's text-only zoom makes it: the root font size doubles, the
  // window stays. Returns the text that did not grow (a size fixed in px).
  text200() {
    const hasText = (el) =>
      Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    const texts = Array.from(document.body.querySelectorAll("*")).filter(
      (el) => el.getClientRects().length && hasText(el),
    );
    const size = (el) => parseFloat(getComputedStyle(el).fontSize);
    const before = texts.map(size);
    document.documentElement.style.fontSize = "200%";
    return texts
      .filter((el, i) => size(el) < before[i] * 1.5)
      .slice(0, 4)
      .map((el) => `${this.describe(el)} stays ${getComputedStyle(el).fontSize}`);
  },

  text100() {
    document.documentElement.style.fontSize = "";
  },

  // Links to a part of this page that is not there, and links to parts of other pages.
  fragments() {
    const here = location.origin + location.pathname + location.search;
    const missing = [];
    const elsewhere = [];
    for (const a of document.querySelectorAll('a[href*="#"]')) {
      const url = new URL(a.href);
      const id = decodeURIComponent(url.hash.slice(1));
      if (!id) continue;
      if (url.origin + url.pathname + url.search !== here) {
        if (url.origin === location.origin) elsewhere.push(url.href);
      } else if (!document.getElementById(id) && !document.getElementsByName(id).length) {
        missing.push(a.getAttribute("href"));
      }
    }
    return { missing, elsewhere };
  },

  // Every heading, in order: "level text".
  headings() {
    return Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]')).map(
      (el) =>
        `${el.getAttribute("aria-level") || el.tagName.slice(1)} ${el.textContent.trim().replace(/\s+/g, " ").slice(0, 40)}`,
    );
  },
})
