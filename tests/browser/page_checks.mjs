// Checks every page of the web UI must pass, run by web_ui_scenario.mjs on each page:
// - fitsWidth: nothing scrolls sideways (document scroll width <= the viewport's width);
// - contrastOffenders: every visible text reaches WCAG 2 contrast against what is behind it
//   (4.5:1, or 3:1 for large text: >= 24 px, or >= 18.66 px bold). The colour behind a text is
//   found by walking up to the first opaque background (blending any translucent ones on the
//   way), and `opacity` and `filter: grayscale()` on the element or its ancestors are applied
//   to both the text and its background, as the browser paints them.

/** The document's scroll width, to compare with the viewport's. */
export const scrollWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Returns "ratio text (selector)" for every visible text below its WCAG minimum. */
export const contrastOffenders = (page) => page.evaluate(() => {
  const parse = (css) => {
    const m = css.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const parts = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  // Source-over compositing of `top` (with its alpha) on an opaque `under`.
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
  const mix = (a, b, weight) => [0, 1, 2].map((i) => a[i] * weight + b[i] * (1 - weight)).concat(1);
  const grey = (c, amount) => {
    // The filter spec's grayscale matrix, at `amount`.
    const a = 1 - amount;
    return [
      (0.2126 + 0.7874 * a) * c[0] + (0.7152 - 0.7152 * a) * c[1] + (0.0722 - 0.0722 * a) * c[2],
      (0.2126 - 0.2126 * a) * c[0] + (0.7152 + 0.2848 * a) * c[1] + (0.0722 - 0.0722 * a) * c[2],
      (0.2126 - 0.2126 * a) * c[0] + (0.7152 - 0.7152 * a) * c[1] + (0.0722 + 0.9278 * a) * c[2],
      1,
    ];
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  // The opaque colour painted behind `el`'s content (its own background included).
  const backgroundAt = (el) => {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const bg = parse(getComputedStyle(node).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] >= 1) break;
    }
    let colour = [255, 255, 255, 1];
    if (layers.length && layers[layers.length - 1][3] >= 1) colour = layers.pop();
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  // Effects from the element up: each opacity group blends what is painted inside it with
  // what is behind it; a grayscale filter turns both grey.
  const painted = (el, text, background) => {
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      const g = style.filter.match(/grayscale\(([\d.]+)(%?)\)/);
      if (g) {
        const amount = Math.min(1, Number(g[1]) / (g[2] ? 100 : 1));
        text = grey(text, amount);
        background = grey(background, amount);
      }
      const opacity = Number(style.opacity);
      if (opacity < 1) {
        const behind = node.parentElement ? backgroundAt(node.parentElement) : [255, 255, 255, 1];
        text = mix(text, behind, opacity);
        background = mix(background, behind, opacity);
      }
    }
    return [text, background];
  };
  const visible = (el) => {
    const style = getComputedStyle(el);
    if (style.visibility !== "visible" || style.display === "none") return false;
    const rect = el.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) return false; // visually hidden text
    return !el.closest("option, select, script, style, noscript, [hidden], [aria-hidden='true']");
  };
  const offenders = [];
  for (const el of document.body.querySelectorAll("*")) {
    const ownText = [...el.childNodes]
      .filter((n) => n.nodeType === 3)
      .map((n) => n.textContent.trim())
      .join(" ")
      .trim();
    if (!ownText || !visible(el)) continue;
    const style = getComputedStyle(el);
    const background = backgroundAt(el);
    const [text, behind] = painted(el, over(parse(style.color), background), background);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const needed = large ? 3 : 4.5;
    const got = ratio(text, behind);
    if (got < needed) {
      const where = el.tagName.toLowerCase() + (el.className ? "." + String(el.className).trim().split(/\s+/).join(".") : "");
      offenders.push(`${got.toFixed(2)}:1 "${ownText.slice(0, 40)}" (${where})`);
    }
  }
  return offenders;
});
