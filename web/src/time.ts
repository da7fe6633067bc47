// Dates and times: the API speaks ISO UTC; people read their own zone and the meeting's.

export const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function formatDateTime(iso: string | null | undefined, zone = viewerZone): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
    timeZone: zone,
  }).format(date);
}

export function formatTime(iso: string, zone = viewerZone): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(new Date(iso));
}

export function formatDay(iso: string, zone = viewerZone): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: zone }).format(
    new Date(iso),
  );
}

/** "Thu 26 Nov" */
export function formatShortDay(iso: string, zone = viewerZone): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: zone }).format(new Date(iso));
}

/** "Europe/Berlin" → "Europe/Berlin (GMT+2)"; "UTC" stays "UTC". */
export function zoneLabel(zone: string, at = new Date()): string {
  if (/^(Etc\/)?(UTC|GMT|Zulu|UCT)$/i.test(zone)) return 'UTC';
  try {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(at);
    const offset = parts.find((part) => part.type === 'timeZoneName')?.value;
    return offset ? `${zone} (${offset})` : zone;
  } catch {
    return zone;
  }
}

export function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function allZones(): string[] {
  const supported = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  const zones = supported ? supported('timeZone') : ['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York'];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

/** YYYY-MM-DD of a date in the viewer's zone. */
export function isoDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function addDays(date: Date, days: number): Date {
  const copy = new Date(date);
  copy.setDate(copy.getDate() + days);
  return copy;
}

export function minutesLabel(minutes: number | null | undefined): string {
  if (!minutes) return '—';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

// An instant as the server writes it into free text (history details): 2026-05-04T10:00:00Z.
const ISO_UTC_IN_TEXT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?Z\b/g;

/** Free text with each ISO UTC instant in it shown like the rest of the page, in `zone`. */
export function localizeTimes(text: string, zone = viewerZone): string {
  return text.replace(ISO_UTC_IN_TEXT, (iso) => formatDateTime(iso, zone));
}
