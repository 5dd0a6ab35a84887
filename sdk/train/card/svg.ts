import type { Figure } from './plots.ts';

/**
 * A static SVG rendering of a line or horizontal-bar figure, so that the evaluation card carries an image
 * that opens anywhere (MLflow's artifact viewer, a PR) without a browser to run plotly.js.
 */
export function figureToSvg(figure: Figure, width = 640, height = 420): string {
  const pad = { l: 60, r: 20, t: 40, b: 50 };
  const bar = figure.data[0]?.type === 'bar';
  if (bar) return barSvg(figure, width, Math.max(height, 30 + 18 * ((figure.data[0]?.y as unknown[]) ?? []).length));
  const w = width - pad.l - pad.r;
  const h = height - pad.t - pad.b;
  const px = (x: number) => pad.l + x * w;
  const py = (y: number) => pad.t + (1 - y) * h;
  const colors = ['#1f77b4', '#888888', '#d62728', '#2ca02c'];
  const lines = figure.data.map((trace, i) => {
    const xs = (trace.x as number[]) ?? [];
    const ys = (trace.y as number[]) ?? [];
    const d = xs.map((x, k) => `${k === 0 ? 'M' : 'L'}${px(x).toFixed(1)},${py(ys[k] ?? 0).toFixed(1)}`).join(' ');
    const dash = (trace.line as { dash?: string } | undefined)?.dash ? ' stroke-dasharray="4 4"' : '';
    return `<path d="${d}" fill="none" stroke="${colors[i % colors.length]}" stroke-width="2"${dash}/>`;
  });
  const legend = figure.data.map(
    (t, i) =>
      `<text x="${pad.l + 10}" y="${pad.t + 16 + 16 * i}" font-size="12" fill="${colors[i % colors.length]}">${escapeXml(String(t.name ?? ''))}</text>`,
  );
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(
    (v) =>
      `<text x="${px(v).toFixed(1)}" y="${height - pad.b + 16}" font-size="11" text-anchor="middle">${v}</text>` +
      `<text x="${pad.l - 8}" y="${(py(v) + 4).toFixed(1)}" font-size="11" text-anchor="end">${v}</text>`,
  );
  return svg(width, height, [
    `<text x="${width / 2}" y="22" font-size="15" text-anchor="middle">${escapeXml(titleOf(figure))}</text>`,
    `<rect x="${pad.l}" y="${pad.t}" width="${w}" height="${h}" fill="none" stroke="#ccc"/>`,
    ...ticks,
    ...lines,
    ...legend,
  ]);
}

function barSvg(figure: Figure, width: number, height: number): string {
  const trace = figure.data[0] as { x: number[]; y: string[] };
  const pad = { l: 220, r: 20, t: 40, b: 20 };
  const max = Math.max(...trace.x, 1e-12);
  const rowH = (height - pad.t - pad.b) / Math.max(trace.y.length, 1);
  const bars = trace.y.map((name, i) => {
    const y = pad.t + (trace.y.length - 1 - i) * rowH;
    const w = ((trace.x[i] ?? 0) / max) * (width - pad.l - pad.r);
    return (
      `<text x="${pad.l - 6}" y="${(y + rowH * 0.7).toFixed(1)}" font-size="11" text-anchor="end">${escapeXml(name)}</text>` +
      `<rect x="${pad.l}" y="${(y + 2).toFixed(1)}" width="${w.toFixed(1)}" height="${(rowH - 4).toFixed(1)}" fill="#1f77b4"/>`
    );
  });
  return svg(width, height, [
    `<text x="${width / 2}" y="22" font-size="15" text-anchor="middle">${escapeXml(titleOf(figure))}</text>`,
    ...bars,
  ]);
}

function titleOf(figure: Figure): string {
  const t = figure.layout.title as { text?: string } | string | undefined;
  return typeof t === 'string' ? t : (t?.text ?? '');
}

function svg(width: number, height: number, body: readonly string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">\n<rect width="100%" height="100%" fill="white"/>\n${body.join('\n')}\n</svg>\n`;
}

function escapeXml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
