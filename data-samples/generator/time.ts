/** Milliseconds in a day and an hour. */
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

/**
 * Formats days without a `Date` per value: the `YYYY-MM-DD` text of each day is cached. Timestamps are
 * handed to the line writer as epoch milliseconds and printed there (`LineBuffer#iso`).
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
}
