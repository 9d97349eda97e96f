// The payout-curve chart of the preview: one inline SVG per accelerated commission, payout (as a
// multiple of target × rate) against attainment, from the curve points the server computed from
// the tier table, with the tier boundaries, a 1:1 reference line and where each payee landed.
// Pure: returns markup, colours come from CSS classes (theme variables, preview-assets.ts).
// Coordinates are floats: geometry only, never amounts.
import { escapeHtml as esc, percent, plain } from './preview-format';
import type { PayoutCurve } from './protocol';

/** A payee's attainment at the end of a period, shown on the curve. */
export interface CurveMarker {
  readonly payee: string;
  readonly period: string;
  /** Attainment as a fraction of the target ("1.55"). */
  readonly attainment: string;
}

const WIDTH = 480;
const HEIGHT = 260;
const LEFT = 52;
const RIGHT = 16;
const TOP = 18;
const BOTTOM = 42;

/** The SVG of one curve. `id` makes element ids unique in the page. */
export function curveChart(curve: PayoutCurve, markers: readonly CurveMarker[], id: string): string {
  const points = curve.points.map((p) => ({ ...p, x: Number(p.attainment), y: Number(p.payout) }));
  if (points.length === 0) return '';
  const xMax = Math.max(...points.map((p) => p.x), 1);
  const yMax = niceCeiling(Math.max(...points.map((p) => p.y), 1));
  const sx = (x: number) => round(LEFT + (x / xMax) * (WIDTH - LEFT - RIGHT));
  const sy = (y: number) => round(HEIGHT - BOTTOM - (y / yMax) * (HEIGHT - TOP - BOTTOM));
  const xStep = xMax <= 3 ? 0.5 : 1;
  const yStep = tickStep(yMax);
  const parts: string[] = [];

  const title = `Payout curve of ${curve.component}: ${curve.mode} accelerator${curve.perYear ? ' on year-to-date attainment' : ''}`;
  parts.push(`<svg class="curve-chart" id="${esc(id)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${esc(id)}-title" data-component="${esc(curve.component)}" data-mode="${esc(curve.mode)}">`);
  parts.push(`<title id="${esc(id)}-title">${esc(title)}</title>`);

  parts.push('<g class="grid">');
  for (let y = 0; y <= yMax + 1e-9; y += yStep) parts.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${sy(y)}" y2="${sy(y)}"/>`);
  for (let x = 0; x <= xMax + 1e-9; x += xStep) parts.push(`<line x1="${sx(x)}" x2="${sx(x)}" y1="${TOP}" y2="${HEIGHT - BOTTOM}"/>`);
  parts.push('</g>');

  parts.push('<g class="ticks">');
  for (let y = 0; y <= yMax + 1e-9; y += yStep) parts.push(`<text x="${LEFT - 6}" y="${sy(y) + 4}" text-anchor="end">${esc(formatTick(y))}×</text>`);
  for (let x = 0; x <= xMax + 1e-9; x += xStep) parts.push(`<text x="${sx(x)}" y="${HEIGHT - BOTTOM + 16}" text-anchor="middle">${Math.round(x * 100)}%</text>`);
  parts.push(`<text class="axis-title" x="${round((LEFT + WIDTH - RIGHT) / 2)}" y="${HEIGHT - 6}" text-anchor="middle">attainment</text>`);
  parts.push(`<text class="axis-title" x="12" y="${round((TOP + HEIGHT - BOTTOM) / 2)}" text-anchor="middle" transform="rotate(-90 12 ${round((TOP + HEIGHT - BOTTOM) / 2)})">payout ÷ (target × rate)</text>`);
  parts.push('</g>');

  parts.push(`<line class="target" x1="${sx(1)}" x2="${sx(1)}" y1="${TOP}" y2="${HEIGHT - BOTTOM}"/>`);
  const diagonalEnd = Math.min(xMax, yMax);
  parts.push(`<line class="reference" x1="${sx(0)}" y1="${sy(0)}" x2="${sx(diagonalEnd)}" y2="${sy(diagonalEnd)}"><title>without acceleration (factor 1)</title></line>`);

  parts.push('<g class="tiers">');
  for (const [i, tier] of tiers(points).entries()) {
    if (i > 0) parts.push(`<line class="tier-bound" x1="${sx(tier.from)}" x2="${sx(tier.from)}" y1="${TOP}" y2="${HEIGHT - BOTTOM}"/>`);
    const mid = sx((tier.from + tier.to) / 2);
    parts.push(`<text class="tier-label" x="${mid}" y="${TOP + 12}" text-anchor="middle">×${esc(plain(tier.factor))}</text>`);
  }
  parts.push('</g>');

  parts.push(`<polyline class="curve" points="${points.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' ')}"/>`);
  parts.push('<g class="points">');
  for (const p of points) {
    const tip = `${percent(p.attainment)} attainment: ${plain(p.payout)} × target × rate (tier factor ${plain(p.factor)})`;
    parts.push(`<circle class="point" cx="${sx(p.x)}" cy="${sy(p.y)}" r="2.5" data-attainment="${esc(p.attainment)}" data-payout="${esc(p.payout)}" data-factor="${esc(p.factor)}"><title>${esc(tip)}</title></circle>`);
  }
  parts.push('</g>');

  if (markers.length) {
    parts.push('<g class="markers">');
    for (const m of markers) {
      const a = Number(m.attainment);
      if (!Number.isFinite(a)) continue;
      const x = Math.max(0, Math.min(a, xMax));
      const tip = `${m.payee}, ${m.period}: ${percent(m.attainment, 1)} attainment${a > xMax ? ' (off the chart)' : ''}`;
      parts.push(`<circle class="marker" cx="${sx(x)}" cy="${sy(Math.min(payoutAt(points, x), yMax))}" r="4" data-payee="${esc(m.payee)}" data-period="${esc(m.period)}" data-attainment="${esc(m.attainment)}"><title>${esc(tip)}</title></circle>`);
    }
    parts.push('</g>');
  }
  parts.push('</svg>');
  return parts.join('');
}

interface Tier {
  readonly from: number;
  readonly to: number;
  readonly factor: string;
}

/** Runs of equal factors along the points: the tiers as the curve shows them. */
function tiers(points: readonly { x: number; factor: string }[]): Tier[] {
  const out: Tier[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.factor === p.factor) out[out.length - 1] = { ...last, to: p.x };
    else out.push({ from: p.x, to: p.x, factor: p.factor });
  }
  // A tier runs up to where the next one starts.
  return out.map((t, i) => ({ ...t, to: out[i + 1]?.from ?? t.to }));
}

/** Payout at attainment x, linear between the computed points. */
function payoutAt(points: readonly { x: number; y: number }[], x: number): number {
  let previous = points[0]!;
  for (const p of points) {
    if (p.x >= x) {
      if (p.x === previous.x) return p.y;
      return previous.y + ((x - previous.x) / (p.x - previous.x)) * (p.y - previous.y);
    }
    previous = p;
  }
  return previous.y;
}

function niceCeiling(value: number): number {
  const step = value <= 2 ? 0.5 : value <= 5 ? 1 : value <= 10 ? 2 : 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / step - 1e-9) * step;
}

function tickStep(max: number): number {
  for (const step of [0.25, 0.5, 1, 2, 5, 10, 20, 50, 100]) if (max / step <= 6) return step;
  return 10 ** Math.ceil(Math.log10(max / 6));
}

function formatTick(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
