/**
 * Dates and durations in ticket messages, in one place so every message reads the same. Dates are shown
 * in the given IANA time zone (UTC unless the caller knows the requester's), with the year only when it
 * differs from the current one.
 */

// Building an Intl.DateTimeFormat costs far more than formatting with one, so each is built once.
const formatters = new Map<string, Intl.DateTimeFormat>();
const OPTIONS = {
  day: { day: 'numeric', month: 'long' },
  dayAndYear: { day: 'numeric', month: 'long', year: 'numeric' },
  year: { year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

function formatter(kind: keyof typeof OPTIONS, timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { ...OPTIONS[kind], timeZone });
    formatters.set(key, f);
  }
  return f;
}

export function formatDay(date: Date, timeZone: string, now: Date): string {
  const sameYear = yearIn(date, timeZone) === yearIn(now, timeZone);
  return formatter(sameYear ? 'day' : 'dayAndYear', timeZone).format(date);
}

/** "14:30 UTC on 22 November" (or "14:30 UTC today"). */
export function formatTime(date: Date, timeZone: string, now: Date): string {
  const time = formatter('time', timeZone).format(date);
  const day = formatDay(date, timeZone, now);
  return day === formatDay(now, timeZone, now) ? `${time} today` : `${time} on ${day}`;
}

/** A rough duration: "about 20 minutes", "about 90 minutes", "about 3 hours", "about 2 days". */
export function formatMinutes(minutes: number): string {
  if (minutes < 1) return 'less than a minute';
  if (minutes < 15) return plural(Math.round(minutes), 'minute');
  // Up to two hours, whole hours would be too coarse ("about 2 hours" for 65 minutes).
  if (Math.round(minutes / 5) * 5 < 120) return plural(Math.round(minutes / 5) * 5, 'minute');
  if (minutes < 48 * 60) return plural(Math.round(minutes / 60), 'hour');
  return plural(Math.round(minutes / (24 * 60)), 'day');
}

function plural(n: number, unit: string): string {
  return `about ${n} ${unit}${n === 1 ? '' : 's'}`;
}

function yearIn(date: Date, timeZone: string): string {
  return formatter('year', timeZone).format(date);
}
