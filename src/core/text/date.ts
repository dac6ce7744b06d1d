// Dates as answers show them: "12 Nov 2026", the same in Slack and the console, whatever the locale.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** YYYY-MM-DD of a time, in UTC. */
export function isoDay(time: Date): string {
  return time.toISOString().slice(0, 10);
}

/** "2026-11-12" -> "12 Nov 2026". */
export function formatDay(day: string): string {
  const [year, month, date] = day.split("-").map(Number);
  return `${date} ${MONTHS[(month ?? 1) - 1]} ${year}`;
}
