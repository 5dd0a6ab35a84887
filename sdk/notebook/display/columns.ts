import { escapeHtml } from './html.ts';
import type { Redactor } from './redact.ts';
import type { MimeBundle } from './types.ts';

/** One side of a two-column view: code (monospaced, kept as is), plain text, or ready HTML. */
export type Panel =
  | { readonly title: string; readonly code: string }
  | { readonly title: string; readonly text: string }
  | { readonly title: string; readonly html: string };

const PRE = 'style="margin:0;padding:8px;overflow:auto;max-height:480px;font-size:12px;line-height:1.4;background:rgba(127,127,127,0.08)"';

function panelHtml(p: Panel, redact: Redactor): string {
  const head = `<div style="font-weight:bold;margin-bottom:4px">${escapeHtml(redact(p.title))}</div>`;
  if ('code' in p) return `${head}<pre ${PRE}><code>${escapeHtml(redact(p.code))}</code></pre>`;
  if ('text' in p) return `${head}<div style="white-space:pre-wrap">${escapeHtml(redact(p.text))}</div>`;
  // Ready HTML was built by a renderer of this module from redacted, escaped parts.
  return `${head}${p.html}`;
}

function panelText(p: Panel, redact: Redactor): string {
  const body = 'code' in p ? p.code : 'text' in p ? p.text : htmlText(p.html);
  return `== ${redact(p.title)} ==\n${redact(body)}`;
}

/** Readable text from a panel's HTML: cells apart, rows and breaks on their own lines, entities decoded. */
function htmlText(html: string): string {
  return html
    .replace(/<\/t[hd]>/g, '  ')
    .replace(/<(\/tr|br|\/div)[^>]*>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.length > 0)
    .join('\n');
}

/**
 * Two panels side by side (stacked on narrow outputs), e.g. compiled SQL beside a stream plan, or two
 * versions of a table. Titles, code and text are redacted and escaped.
 *
 * @example
 * show(twoColumns({ title: 'DuckDB', code: sqlA }, { title: 'Trino', code: sqlB }, redact));
 */
export function twoColumns(left: Panel, right: Panel, redact: Redactor): MimeBundle {
  const html = [
    '<div class="kol-two-columns" style="display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:12px;align-items:start">',
    `<div>${panelHtml(left, redact)}</div>`,
    `<div>${panelHtml(right, redact)}</div>`,
    '</div>',
  ].join('\n');
  return { 'text/html': html, 'text/plain': `${panelText(left, redact)}\n\n${panelText(right, redact)}` };
}
