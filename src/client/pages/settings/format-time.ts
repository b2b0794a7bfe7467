/** A date for a settings table; "Never" / "—" when there is none. */
export function formatTime(date: Date | null, none = '—'): string {
  return date ? date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : none;
}
