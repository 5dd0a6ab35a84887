/**
 * HTML text for a value that came from data or a user: `& < > " '` escaped, so a cell holding
 * `<script>` shows as text.
 *
 * @example
 * escapeHtml('<b>'); // '&lt;b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** JSON for inside a `<script>` element: no `</script>` or line separators can end or break it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Only http(s) links are rendered as links; anything else (javascript:, file:) stays text. */
export function safeHref(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** `1234567` → `1,234,567` (fixed locale so outputs do not depend on the machine). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * One value as display text: null stays null (the caller styles it), Dates as ISO (date only when
 * `dateOnly`), floats to 6 significant digits, bigint in full, nested values as JSON; cut to `maxChars`.
 *
 * @example
 * cellText(0.1 + 0.2, { maxChars: 20 }); // '0.3'
 */
export function cellText(value: unknown, options: { maxChars: number; dateOnly?: boolean }): string | null {
  if (value === null || value === undefined) return null;
  let text: string;
  if (typeof value === 'number')
    text = Number.isInteger(value) || !Number.isFinite(value) ? String(value) : String(Number(value.toPrecision(6)));
  else if (typeof value === 'bigint') text = value.toString();
  else if (value instanceof Date) {
    text = Number.isNaN(value.getTime()) ? 'Invalid Date' : options.dateOnly ? value.toISOString().slice(0, 10) : value.toISOString();
  } else if (value instanceof Uint8Array) text = `<${value.length} bytes>`;
  else if (typeof value === 'object') text = jsonText(value);
  else text = String(value);
  return text.length > options.maxChars ? `${text.slice(0, Math.max(1, options.maxChars - 1))}…` : text;
}

/** JSON text that survives bigint, Dates and Arrow/danfo values with `toJSON`. */
export function jsonText(value: unknown, indent?: number): string {
  return (
    JSON.stringify(
      value,
      (_k, v) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? `<${v.length} bytes>` : v),
      indent,
    ) ?? String(value)
  );
}
