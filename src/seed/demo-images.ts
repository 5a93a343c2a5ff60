import { escapeHtml } from '../render/html.js';
import type { DemoImage } from './demo-types.js';

/*
 * The demo's pictures, drawn as SVG at seed time so the repository holds no binary files: abstract editorial
 * illustrations (a gradient sky from the image's hue and simple shapes for its motif) and the site's monogram logo.
 * Deterministic: the same image always gives the same bytes, so seeding twice changes nothing. Colours are hex (not
 * hsl()) so every renderer, librsvg and sharp included, draws them the same way.
 */

// Characters XML 1.0 forbids outright (C0 controls other than tab/newline/CR, lone surrogates, U+FFFE/U+FFFF).
const XML_INVALID_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// SVG is XML: the HTML escaper's five entities are XML's too.
const escapeXml = (s: string): string => escapeHtml(s.replace(XML_INVALID_RE, ''));

/** FNV-1a: a stable 32-bit seed from a string. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: a tiny seeded PRNG, so "random" skylines and hills are the same on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hsl(h: number, s: number, l: number): string {
  const hue = ((h % 360) + 360) % 360;
  const sat = s / 100;
  const lig = l / 100;
  const a = sat * Math.min(lig, 1 - lig);
  const f = (n: number): string => {
    const k = (n + hue / 30) % 12;
    const v = lig - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

const r = Math.round;
// The sun and lit windows stay warm whatever the palette; a violet sun over a blue city looks wrong.
const SUN = 44;

type Canvas = { w: number; h: number; hue: number; rnd: () => number; id: string };

const between = (c: Canvas, lo: number, hi: number): number => lo + c.rnd() * (hi - lo);

function sun(c: Canvas, cx: number, cy: number, radius: number): string {
  return `<circle cx="${r(cx)}" cy="${r(cy)}" r="${r(radius)}" fill="url(#${c.id}s)"/>`;
}

function city(c: Canvas): string {
  const { w, h } = c;
  const skyline = (minH: number, maxH: number): string => {
    let d = '';
    for (let x = -r(w * 0.02); x < w;) {
      const bw = r(between(c, 0.045, 0.1) * w);
      const top = r(h * (1 - between(c, minH, maxH)));
      d += `M${x} ${h}V${top}h${bw}V${h}z`;
      x += bw + r(between(c, 0, 0.012) * w);
    }
    return d;
  };
  const back = skyline(0.3, 0.62);
  const front = skyline(0.16, 0.42);
  const win = Math.max(4, r(w / 90));
  return (
    sun(c, w * between(c, 0.2, 0.8), h * 0.3, h * 0.14) +
    `<defs><pattern id="${c.id}w" width="${win * 3}" height="${win * 4}" patternUnits="userSpaceOnUse">` +
    `<rect x="${win}" y="${win}" width="${win}" height="${r(win * 1.6)}" fill="${hsl(SUN, 90, 82)}"/></pattern></defs>` +
    `<path d="${back}" fill="${hsl(c.hue, 28, 52)}" opacity=".75"/>` +
    `<path d="${front}" fill="${hsl(c.hue, 35, 22)}"/>` +
    `<path d="${front}" fill="url(#${c.id}w)" opacity=".55"/>`
  );
}

function ridge(c: Canvas, base: number, amp: number, color: string): string {
  const { w, h } = c;
  const steps = 4 + Math.floor(c.rnd() * 3);
  const dx = w / steps;
  const y = (): number => r(h * (base - between(c, -amp, amp)));
  let d = `M0 ${y()}Q${r(dx / 2)} ${y()} ${r(dx)} ${y()}`;
  for (let i = 2; i <= steps; i++) d += `T${r(dx * i)} ${y()}`;
  return `<path d="${d}V${h}H0z" fill="${color}"/>`;
}

function hills(c: Canvas): string {
  return (
    sun(c, c.w * between(c, 0.55, 0.85), c.h * 0.32, c.h * 0.12) +
    ridge(c, 0.5, 0.08, hsl(c.hue + 10, 25, 70)) +
    ridge(c, 0.62, 0.07, hsl(c.hue, 35, 52)) +
    ridge(c, 0.74, 0.06, hsl(c.hue - 10, 40, 36)) +
    ridge(c, 0.86, 0.04, hsl(c.hue - 20, 45, 22))
  );
}

function sea(c: Canvas): string {
  const { w, h } = c;
  const horizon = r(h * 0.58);
  const sx = w * between(c, 0.3, 0.7);
  let waves = '';
  for (let i = 0; i < 6; i++) {
    const y = r(horizon + (h - horizon) * ((i + 0.6) / 6.5));
    const len = r(w * between(c, 0.12, 0.3));
    const x = r(between(c, 0, w - len));
    const seg = r(len / 4);
    waves += `M${x} ${y}q${r(seg / 2)} -${r(h / 90) + 2} ${seg} 0t${seg} 0t${seg} 0t${seg} 0`;
  }
  let glint = '';
  for (let i = 0; i < 5; i++) {
    const y = horizon + (h - horizon) * (i / 8) + 6;
    const half = (w * 0.1 * (i + 2)) / 6;
    glint += `M${r(sx - half)} ${r(y)}h${r(half * 2)}`;
  }
  return (
    sun(c, sx, horizon - h * 0.08, h * 0.13) +
    `<defs><linearGradient id="${c.id}d" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${hsl(c.hue, 45, 48)}"/>` +
    `<stop offset="1" stop-color="${hsl(c.hue + 15, 55, 20)}"/></linearGradient></defs>` +
    `<rect y="${horizon}" width="${w}" height="${h - horizon}" fill="url(#${c.id}d)"/>` +
    `<path d="${glint}" stroke="${hsl(SUN, 90, 88)}" stroke-width="${Math.max(2, r(h / 120))}" stroke-dasharray="${r(w / 40)} ${r(w / 90)}" stroke-linecap="round" opacity=".6"/>` +
    `<path d="${waves}" fill="none" stroke="${hsl(c.hue, 60, 85)}" stroke-width="${Math.max(2, r(h / 200))}" stroke-linecap="round" opacity=".5"/>`
  );
}

function grid(c: Canvas): string {
  const { w, h } = c;
  const cell = Math.max(8, r(w / 16));
  const n = 12;
  const pts: [number, number][] = [];
  let v = between(c, 0.35, 0.6);
  for (let i = 0; i <= n; i++) {
    v = Math.min(0.85, Math.max(0.15, v + between(c, -0.12, 0.14)));
    pts.push([r((w * i) / n), r(h * (1 - v))]);
  }
  const line = pts.map(([x, y]) => `${x} ${y}`).join(' ');
  const dots = pts
    .filter((_, i) => i % 3 === 1)
    .map(([x, y]) => `<circle cx="${x}" cy="${y}" r="${Math.max(3, r(h / 70))}"/>`)
    .join('');
  return (
    `<defs><pattern id="${c.id}g" width="${cell}" height="${cell}" patternUnits="userSpaceOnUse">` +
    `<path d="M${cell} 0H0V${cell}" fill="none" stroke="${hsl(c.hue, 40, 92)}" stroke-width="1" opacity=".35"/></pattern></defs>` +
    `<rect width="${w}" height="${h}" fill="${hsl(c.hue, 45, 16)}" opacity=".55"/>` +
    `<rect width="${w}" height="${h}" fill="url(#${c.id}g)"/>` +
    `<path d="M${line}V${h}H0z" fill="${hsl(c.hue, 60, 55)}" opacity=".35"/>` +
    `<polyline points="${line}" fill="none" stroke="${hsl(c.hue + 30, 85, 70)}" stroke-width="${Math.max(2, r(h / 110))}" stroke-linejoin="round"/>` +
    `<g fill="${hsl(c.hue + 30, 90, 88)}">${dots}</g>`
  );
}

function portrait(c: Canvas): string {
  const { w, h } = c;
  const cx = r(w * between(c, 0.4, 0.6));
  const head = r(h * 0.15);
  const cy = r(h * 0.4);
  const shoulder = r(h * 0.42);
  const neck = cy + head;
  return (
    `<path d="M${r(w * between(c, 0.55, 0.7))} 0H${w}V${h}H${r(w * between(c, 0.3, 0.45))}z" fill="${hsl(c.hue + 30, 40, 60)}" opacity=".45"/>` +
    `<circle cx="${cx}" cy="${cy}" r="${r(h * 0.3)}" fill="${hsl(c.hue + 40, 80, 88)}" opacity=".6"/>` +
    `<path d="M${cx - shoulder} ${h}C${cx - shoulder} ${neck + r(h * 0.12)} ${cx - r(head * 1.2)} ${neck + r(h * 0.05)} ${cx} ${neck + r(h * 0.04)}` +
    `C${cx + r(head * 1.2)} ${neck + r(h * 0.05)} ${cx + shoulder} ${neck + r(h * 0.12)} ${cx + shoulder} ${h}z" fill="${hsl(c.hue, 40, 24)}"/>` +
    `<rect x="${cx - r(head * 0.35)}" y="${cy}" width="${r(head * 0.7)}" height="${head + r(h * 0.06)}" rx="${r(head * 0.3)}" fill="${hsl(c.hue, 35, 30)}"/>` +
    `<ellipse cx="${cx}" cy="${cy}" rx="${r(head * 0.85)}" ry="${head}" fill="${hsl(c.hue, 35, 30)}"/>`
  );
}

const MOTIFS: Record<DemoImage['motif'], (c: Canvas) => string> = { city, hills, sea, grid, portrait };

/** Whitespace collapsed, cut to `max` characters (an ellipsis marks the cut) so a caption stays inside the band. */
function fitText(s: string, max: number): string {
  const chars = Array.from(s.replace(/\s+/g, ' ').trim());
  return chars.length <= max
    ? chars.join('')
    : `${chars
        .slice(0, Math.max(1, max - 1))
        .join('')
        .trimEnd()}…`;
}

const dimension = (n: number, fallback: number): number => (Number.isFinite(n) && n >= 1 ? Math.min(r(n), 10_000) : fallback);

/**
 * An abstract illustration for a demo image as a standalone SVG document (under 4 KB). Text appears only when a
 * `label` is given: a caption band at the bottom, escaped and cut to fit the width (80 characters at most).
 */
export function demoImageSvg(img: DemoImage, label?: string): string {
  const w = dimension(img.width, 1200);
  const h = dimension(img.height, 675);
  const hue = Number.isFinite(img.hue) ? ((r(img.hue) % 360) + 360) % 360 : 210;
  const seed = hash(`${img.key}|${hue}|${img.motif}|${w}x${h}`);
  // Ids unique per image, so two of these inlined in one page don't borrow each other's gradients.
  const c: Canvas = { w, h, hue, rnd: prng(seed), id: `m${seed.toString(36)}` };
  const draw = MOTIFS[img.motif] ?? hills;

  let caption = '';
  const size = Math.max(10, r(h * 0.045));
  const text = label === undefined ? '' : fitText(label, Math.min(80, Math.floor((w * 0.94) / (size * 0.56))));
  if (text) {
    const band = r(size * 2.2);
    caption =
      `<rect y="${h - band}" width="${w}" height="${band}" fill="#000" opacity=".45"/>` +
      `<text x="${r(w * 0.03)}" y="${h - r(band * 0.35)}" font-family="system-ui, 'Helvetica Neue', Arial, sans-serif" font-size="${size}" fill="#fff">${escapeXml(text)}</text>`;
  }

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"${text ? ` role="img" aria-label="${escapeXml(text)}"` : ' aria-hidden="true"'}>` +
    `<defs><linearGradient id="${c.id}b" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${hsl(hue + 20, 55, 86)}"/>` +
    `<stop offset="1" stop-color="${hsl(hue - 10, 45, 62)}"/></linearGradient>` +
    `<radialGradient id="${c.id}s"><stop offset="0" stop-color="${hsl(SUN, 95, 96)}"/><stop offset=".6" stop-color="${hsl(SUN, 90, 84)}"/>` +
    `<stop offset="1" stop-color="${hsl(SUN, 90, 84)}" stop-opacity="0"/></radialGradient></defs>` +
    `<rect width="${w}" height="${h}" fill="url(#${c.id}b)"/>` +
    draw(c) +
    caption +
    `</svg>`
  );
}

/** The site's square monogram (first letter or digit of its name, upper-cased) for the header and the favicon. */
export function logoSvg(siteName: string): string {
  const name = siteName.replace(/\s+/g, ' ').trim();
  const chars = Array.from(name);
  const first = chars.find((ch) => /[\p{L}\p{N}]/u.test(ch)) ?? chars[0] ?? 'M';
  const letter = escapeXml(first.toLocaleUpperCase());
  const hue = hash(name) % 360;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64" role="img" aria-label="${escapeXml(name || 'Logo')}">` +
    `<rect width="64" height="64" rx="12" fill="${hsl(hue, 45, 24)}"/>` +
    `<rect x="6" y="6" width="52" height="52" rx="8" fill="none" stroke="${hsl(hue + 30, 70, 80)}" stroke-width="2" opacity=".5"/>` +
    `<text x="32" y="45" text-anchor="middle" font-family="Georgia, 'Times New Roman', serif" font-size="38" font-weight="700" fill="#fff">${letter}</text>` +
    `</svg>`
  );
}
