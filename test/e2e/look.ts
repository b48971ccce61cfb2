/**
 * What a look at a screen would catch, as a page-side check (used by screens.test.ts; plain
 * module so a script can run it too). See screens.test.ts for what each finding means.
 */
import { expect } from 'vitest';

export interface Findings {
  texts: number;
  small: string[];
  lowContrast: string[];
  overflowX: boolean;
  wrapped: string[];
  raw: string[];
  untranslated: string[];
}

/**
 * Page-side check (a string: nothing the test compiler adds ends up in the page). `minPx`:
 * smallest font size allowed; `en`: look for untranslated Chinese.
 */
export function checkScript(minPx: number, en: boolean): string {
  return `(() => {
    const parse = (c) => { const n = (c.match(/[0-9.]+/g) || []).map(Number); return [n[0], n[1], n[2], n.length > 3 ? n[3] : 1]; };
    const lum = ([r, g, b]) => { const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
    const ratio = (fg, bg) => { const b = parse(bg), f = parse(fg); const o = [0, 1, 2].map((i) => f[i] * f[3] + b[i] * (1 - f[3])); const [hi, lo] = [lum(o), lum(b)].sort((x, y) => y - x); return (hi + 0.05) / (lo + 0.05); };
    const bgOf = (el) => { for (let e = el; e; e = e.parentElement) { const b = getComputedStyle(e).backgroundColor; const n = b.match(/[0-9.]+/g) || []; if (n.length >= 3 && (n.length === 3 || Number(n[3]) > 0.5)) return b; } return getComputedStyle(document.documentElement).backgroundColor; };
    const name = (el) => el.localName + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/ +/).join('.') : '') + ' "' + el.textContent.trim().slice(0, 30) + '"';
    // (a closed <details> keeps its content's boxes in Chromium: ask whether it is rendered)
    const shown = (el) => el.getClientRects().length > 0 && el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true });
    const out = { texts: 0, small: [], lowContrast: [], overflowX: false, wrapped: [], raw: [], untranslated: [] };
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('script, style, template, option')) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
      if (!own || !shown(el)) continue;
      const cs = getComputedStyle(el);
      out.texts++;
      if (parseFloat(cs.fontSize) < ${minPx}) out.small.push(name(el) + ' ' + cs.fontSize);
      const r = ratio(cs.color, bgOf(el));
      // (a disabled control is exempt from contrast, WCAG 1.4.3 "inactive user interface components")
      if (r < 4.5 && !el.closest(':disabled, [aria-disabled="true"]')) out.lowContrast.push(name(el) + ' ' + cs.color + ' on ' + bgOf(el) + ' = ' + r.toFixed(2));
    }
    out.overflowX = document.scrollingElement.scrollWidth > innerWidth + 1;
    for (const el of document.querySelectorAll('.tag, .located, .countdown, .comp, .other-tab, kbd')) {
      const lh = parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.6;
      if (el.getClientRects().length > 1 || el.getBoundingClientRect().height > lh * 1.5) out.wrapped.push(name(el));
    }
    // (the 备注 line is the shop's own template, whose {规则} is the rule id on purpose: checked apart)
    const memo = document.querySelectorAll('.memo-text');
    memo.forEach((m) => (m.hidden = true));
    const text = document.body.innerText;
    memo.forEach((m) => (m.hidden = false));
    const RAW = [/\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}/, /\\+08:00/, /\\b\\d{3}_[0-9a-f]{16}\\b/, /\\b(?:timer|reason|comp|act|reply|note|pen|contest|remedy|evidence|refusal|recidivism|calendar)-[a-z0-9]+(?:-[a-z0-9]+)+\\b/, /\\b[a-z]+[A-Z][A-Za-z]+\\b/, /\\bundefined\\b|\\bNaN\\b|\\[object Object\\]/];
    for (const re of RAW) { const m = re.exec(text); if (m) out.raw.push(m[0] + ' … ' + text.slice(Math.max(0, m.index - 30), m.index + 40).replace(/\\s+/g, ' ')); }
    if (${en}) {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const QUOTED = /\\([^()]*\\)|（[^（）]*）|“[^”]*”|"[^"]*"|「[^」]*」|『[^』]*』|\\{[^{}]*\\}|【[^】]*】/g;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const p = n.parentElement;
        // quoted Chinese: the nearest lang says zh (the page itself says en)
        if (!p || (p.closest('[lang]')?.getAttribute('lang') ?? '').startsWith('zh') || p.closest('script, style, template, option, textarea') || !shown(p)) continue;
        // the quoted parts of the whole line (a quote may span several text nodes)
        const line = (p.closest('p, li, label, h1, h2, h3, summary, button, legend, dd, dt, td, span') || p).textContent;
        let rest = line;
        for (let prev = ''; prev !== rest; ) { prev = rest; rest = rest.replace(QUOTED, ''); }
        if (/\\p{Script=Han}/u.test(n.textContent) && /\\p{Script=Han}/u.test(rest)) out.untranslated.push(name(p) + ': ' + rest.trim().slice(0, 60));
      }
      out.untranslated = [...new Set(out.untranslated)];
    }
    return out;
  })()`;
}

export function expectClean(f: Findings, what: string): void {
  expect(f.texts, `${what}: shows text`).toBeGreaterThan(10);
  expect(f.small, `${what}: text below the minimum size`).toEqual([]);
  expect(f.lowContrast, `${what}: text below 4.5:1`).toEqual([]);
  expect(f.overflowX, `${what}: scrolls sideways`).toBe(false);
  expect(f.wrapped, `${what}: a tag or countdown broken over two lines`).toEqual([]);
  expect(f.raw, `${what}: raw developer text`).toEqual([]);
  expect(f.untranslated, `${what}: Chinese left untranslated in English`).toEqual([]);
}
