/** Every IANA timezone the browser knows, for pickers; the server validates again. */
export const TIMEZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC', 'Europe/Budapest', 'Europe/London', 'America/New_York'];
  }
})();

export function browserTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Common BCP 47 tags offered first; any valid tag may be typed. */
export const LANGUAGES = [
  { value: 'en', label: 'English (en)' },
  { value: 'en-GB', label: 'English, UK (en-GB)' },
  { value: 'en-US', label: 'English, US (en-US)' },
  { value: 'hu', label: 'Hungarian (hu)' },
  { value: 'de', label: 'German (de)' },
  { value: 'fr', label: 'French (fr)' },
  { value: 'es', label: 'Spanish (es)' },
  { value: 'it', label: 'Italian (it)' },
  { value: 'pl', label: 'Polish (pl)' },
  { value: 'ro', label: 'Romanian (ro)' },
  { value: 'nl', label: 'Dutch (nl)' },
  { value: 'pt-BR', label: 'Portuguese, Brazil (pt-BR)' },
];
