/**
 * A moment outside a brand's calendar (a token's last use, a brain version),
 * in the reader's locale: "4 Dec 2026, 06:35"; `none` when there is none.
 * Post times use `formatInZone`, on the brand's clock.
 */
export function formatTime(date: Date | null, none = '—'): string {
  return date ? date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : none;
}
