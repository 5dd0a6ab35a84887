/** Milliseconds in a day and an hour. */
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * Formats epoch milliseconds as ISO-8601 UTC (`2024-03-01T12:34:56.789Z`) without a `Date` per value: the
 * day part is cached, the rest is integer arithmetic. Same output as `Date#toISOString` for years 0–9999.
 */
export class TimeFormat {
  private readonly days = new Map<number, string>();

  /** `YYYY-MM-DD` of the day containing `ms`. */
  date(ms: number): string {
    const day = Math.floor(ms / DAY_MS);
    let s = this.days.get(day);
    if (s === undefined) {
      s = new Date(day * DAY_MS).toISOString().slice(0, 10);
      this.days.set(day, s);
    }
    return s;
  }

  iso(ms: number): string {
    const t = Math.floor(ms);
    const day = Math.floor(t / DAY_MS);
    let r = t - day * DAY_MS;
    const h = Math.floor(r / HOUR_MS);
    r -= h * HOUR_MS;
    const m = Math.floor(r / MINUTE_MS);
    r -= m * MINUTE_MS;
    const s = Math.floor(r / 1000);
    return `${this.date(t)}T${PAD2[h]}:${PAD2[m]}:${PAD2[s]}.${PAD3[r - s * 1000]}Z`;
  }
}
