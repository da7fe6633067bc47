// time.ts: instants from the API shown in a zone, zone labels, and the viewer's local days.
// The viewer's zone is Europe/Berlin here (vite.config.ts), so DST edges are Berlin's.
import { describe, expect, it } from 'vitest';
import {
  addDays, allZones, formatDateTime, formatDay, formatShortDay, formatTime, isValidZone, isoDay, localizeTimes, minutesLabel, viewerZone,
  zoneLabel,
} from './time';

describe('the viewer', () => {
  it('is in the zone the tests fix, so every local-time expectation below holds', () => {
    expect(viewerZone).toBe('Europe/Berlin');
  });
});

describe('formatDateTime', () => {
  it('shows an instant in the viewer’s zone by default', () => {
    expect(formatDateTime('2026-12-07T09:00:00Z')).toBe('Mon, 7 Dec 2026, 10:00');
  });

  it('shows the same instant in the meeting’s zone when given one', () => {
    expect(formatDateTime('2026-12-07T09:00:00Z', 'America/New_York')).toBe('Mon, 7 Dec 2026, 04:00');
    expect(formatDateTime('2026-12-07T09:00:00Z', 'UTC')).toBe('Mon, 7 Dec 2026, 09:00');
  });

  it('crosses the date line: one instant is a different day on each side', () => {
    expect(formatDateTime('2026-12-07T10:30:00Z', 'Pacific/Kiritimati')).toBe('Tue, 8 Dec 2026, 00:30');
    expect(formatDateTime('2026-12-07T10:30:00Z', 'Pacific/Pago_Pago')).toBe('Sun, 6 Dec 2026, 23:30');
  });

  it('skips the hour that does not exist when clocks go forward (29 March 2026 in Berlin)', () => {
    expect(formatDateTime('2026-03-29T00:59:00Z')).toBe('Sun, 29 Mar 2026, 01:59');
    expect(formatDateTime('2026-03-29T01:00:00Z')).toBe('Sun, 29 Mar 2026, 03:00');
  });

  it('shows the repeated hour twice when clocks go back (25 October 2026 in Berlin)', () => {
    expect(formatDateTime('2026-10-25T00:30:00Z')).toBe('Sun, 25 Oct 2026, 02:30');
    expect(formatDateTime('2026-10-25T01:30:00Z')).toBe('Sun, 25 Oct 2026, 02:30');
    expect(formatDateTime('2026-10-25T02:30:00Z')).toBe('Sun, 25 Oct 2026, 03:30');
  });

  it('honours offsets other than whole hours', () => {
    expect(formatDateTime('2026-12-07T09:00:00Z', 'Asia/Kathmandu')).toBe('Mon, 7 Dec 2026, 14:45');
    expect(formatDateTime('2026-07-01T12:00:00Z', 'America/St_Johns')).toBe('Wed, 1 Jul 2026, 09:30');
  });

  it('reads an instant written with an offset as the same instant', () => {
    expect(formatDateTime('2026-12-07T10:00:00+01:00', 'UTC')).toBe('Mon, 7 Dec 2026, 09:00');
  });

  it('shows a dash for no time and the text itself for text that is not a time', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDateTime('')).toBe('—');
    expect(formatDateTime('soon')).toBe('soon');
  });
});

describe('formatTime, formatDay, formatShortDay', () => {
  it('give the time of day in the zone, 24-hour', () => {
    expect(formatTime('2026-12-07T17:05:00Z')).toBe('18:05');
    expect(formatTime('2026-12-07T09:00:00Z', 'Asia/Kolkata')).toBe('14:30');
  });

  it('give the day in the zone, which near midnight is not the UTC day', () => {
    expect(formatDay('2026-12-07T23:30:00Z')).toBe('Tuesday 8 December');
    expect(formatDay('2026-12-07T23:30:00Z', 'UTC')).toBe('Monday 7 December');
    expect(formatShortDay('2026-12-07T23:30:00Z')).toBe('Tue 8 Dec');
    expect(formatShortDay('2026-12-07T10:30:00Z', 'Pacific/Pago_Pago')).toBe('Sun 6 Dec');
  });
});

describe('zoneLabel', () => {
  it('names the zone with its offset at the given moment, so DST shows', () => {
    expect(zoneLabel('Europe/Berlin', new Date('2026-01-15T12:00:00Z'))).toBe('Europe/Berlin (GMT+1)');
    expect(zoneLabel('Europe/Berlin', new Date('2026-07-15T12:00:00Z'))).toBe('Europe/Berlin (GMT+2)');
  });

  it('takes the offset on each side of a switch, an hour apart', () => {
    expect(zoneLabel('Europe/Berlin', new Date('2026-10-25T00:30:00Z'))).toBe('Europe/Berlin (GMT+2)');
    expect(zoneLabel('Europe/Berlin', new Date('2026-10-25T01:30:00Z'))).toBe('Europe/Berlin (GMT+1)');
  });

  it('follows the southern hemisphere’s DST and half-hour shifts', () => {
    expect(zoneLabel('Australia/Lord_Howe', new Date('2026-01-15T12:00:00Z'))).toBe('Australia/Lord_Howe (GMT+11)');
    expect(zoneLabel('Australia/Lord_Howe', new Date('2026-07-15T12:00:00Z'))).toBe('Australia/Lord_Howe (GMT+10:30)');
    expect(zoneLabel('America/St_Johns', new Date('2026-07-15T12:00:00Z'))).toBe('America/St_Johns (GMT-2:30)');
  });

  it('calls every spelling of UTC plain "UTC"', () => {
    for (const zone of ['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'utc', 'Zulu', 'UCT']) expect(zoneLabel(zone)).toBe('UTC');
  });

  it('gives a zone this browser does not know back as it is, instead of failing', () => {
    expect(zoneLabel('Mars/Olympus')).toBe('Mars/Olympus');
  });
});

describe('isValidZone and allZones', () => {
  it('accepts the tz database’s names and refuses others', () => {
    expect(isValidZone('Europe/Berlin')).toBe(true);
    expect(isValidZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isValidZone('Mars/Olympus')).toBe(false);
    expect(isValidZone('')).toBe(false);
  });

  it('offers UTC once, beside the zones of the world', () => {
    const zones = allZones();
    expect(zones.filter((zone) => zone === 'UTC')).toHaveLength(1);
    expect(zones).toContain('Europe/Berlin');
    expect(zones).toContain('Australia/Lord_Howe');
    expect(zones.every(isValidZone)).toBe(true);
  });

  it('offers a short list, UTC first, where the browser cannot list its zones', () => {
    const intl = Intl as { supportedValuesOf?: unknown };
    const list = intl.supportedValuesOf;
    intl.supportedValuesOf = undefined;
    try {
      expect(allZones()).toEqual(['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York']);
    } finally {
      intl.supportedValuesOf = list;
    }
  });
});

describe('isoDay and addDays (the viewer’s calendar)', () => {
  it('gives the local day, not the UTC day, just after midnight', () => {
    // 00:30 on New Year's Day in Berlin is still 31 December in UTC.
    expect(isoDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(isoDay(new Date('2026-12-31T22:30:00Z'))).toBe('2026-12-31');
  });

  it('pads months and days', () => {
    expect(isoDay(new Date('2026-03-05T12:00:00Z'))).toBe('2026-03-05');
  });

  it('keeps the wall-clock time across the spring switch: that day is 23 hours long', () => {
    const before = new Date('2026-03-28T11:00:00Z'); // 12:00 in Berlin, UTC+1
    const after = addDays(before, 1);
    expect(after.toISOString()).toBe('2026-03-29T10:00:00.000Z'); // 12:00 in Berlin, UTC+2
    expect(isoDay(after)).toBe('2026-03-29');
  });

  it('keeps the wall-clock time across the autumn switch: that day is 25 hours long', () => {
    const after = addDays(new Date('2026-10-24T22:30:00Z'), 1); // 00:30 on the 25th, then the 26th
    expect(after.toISOString()).toBe('2026-10-25T23:30:00.000Z');
    expect(isoDay(after)).toBe('2026-10-26');
  });

  it('rolls over months and years, backwards too, without changing its argument', () => {
    const start = new Date('2026-12-25T12:00:00Z');
    expect(isoDay(addDays(start, 13))).toBe('2027-01-07');
    expect(isoDay(addDays(start, -25))).toBe('2026-11-30');
    expect(start.toISOString()).toBe('2026-12-25T12:00:00.000Z');
  });
});

describe('minutesLabel', () => {
  it('reads minutes as people say them', () => {
    expect(minutesLabel(45)).toBe('45 min');
    expect(minutesLabel(60)).toBe('1 h');
    expect(minutesLabel(90)).toBe('1 h 30 min');
    expect(minutesLabel(480)).toBe('8 h');
  });

  it('shows a dash for no duration', () => {
    expect(minutesLabel(null)).toBe('—');
    expect(minutesLabel(undefined)).toBe('—');
    expect(minutesLabel(0)).toBe('—');
  });
});

describe('localizeTimes', () => {
  it('shows each UTC instant of a history detail in the viewer’s zone', () => {
    expect(localizeTimes('Moved to 2026-12-07T09:00:00Z (was 2026-07-01T12:30:00Z); booking a → b')).toBe(
      'Moved to Mon, 7 Dec 2026, 10:00 (was Wed, 1 Jul 2026, 14:30); booking a → b',
    );
  });

  it('reads fractions of a second and minutes alone, and can show another zone', () => {
    expect(localizeTimes('at 2026-12-07T09:00:00.123Z.')).toBe('at Mon, 7 Dec 2026, 10:00.');
    expect(localizeTimes('at 2026-12-07T09:00Z', 'UTC')).toBe('at Mon, 7 Dec 2026, 09:00');
  });

  it('leaves text without an instant, dates alone and local times as they are', () => {
    expect(localizeTimes('Cancelled by the host')).toBe('Cancelled by the host');
    expect(localizeTimes('on 2026-12-07 and 2026-12-07T09:00:00+02:00')).toBe('on 2026-12-07 and 2026-12-07T09:00:00+02:00');
    expect(localizeTimes('uid 12026-12-07T09:00:00Zx')).toBe('uid 12026-12-07T09:00:00Zx');
  });
});
