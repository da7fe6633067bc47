// The team's common free times as days, then the chosen day's times: the wizard's step 3 and
// the interview page's reschedule pick a time with it.
import { useEffect, useState } from 'preact/hooks';
import type { Slot } from '../api';
import { formatDay, formatShortDay, formatTime, viewerZone } from '../time';

/** Days as buttons, then the chosen day's times as radio buttons (two weeks of times is long). */
export function SlotPicker({ days, selected, meetingZone, onPick, zone = viewerZone }: {
  days: [string, Slot[]][]; selected: string | null; meetingZone: string; onPick: (start: string) => void;
  /** The zone the times are read in: the viewer's own, or one they chose. */
  zone?: string;
}) {
  const dayOf = (start: string | null) => (start ? days.findIndex(([, slots]) => slots.some((s) => s.start === start)) : -1);
  const [day, setDay] = useState(() => Math.max(dayOf(selected), 0));
  useEffect(() => {
    if (day >= days.length) setDay(0);
  }, [day, days.length]);
  const current = days[Math.min(day, days.length - 1)]!;
  return (
    <div class="slots">
      <div class="slots__days" role="group" aria-label="Day">
        {days.map(([label, slots], index) => (
          <button type="button" key={label} class="day" aria-pressed={index === day ? 'true' : 'false'} onClick={() => setDay(index)}>
            <span class="day__name">{formatShortDay(slots[0]!.start, zone)}</span>
            <span class="visually-hidden">, {label}</span>
            <span class="day__count">{slots.length} {slots.length === 1 ? 'time' : 'times'}</span>
          </button>
        ))}
      </div>
      <div class="slots__list" role="radiogroup" aria-label={`Free times on ${current[0]}`}>
        {current[1].map((slot) => (
          <label class={`slot${selected === slot.start ? ' slot--selected' : ''}`} key={slot.start}>
            <input type="radio" name="wizard-slot" checked={selected === slot.start} onChange={() => onPick(slot.start)} />
            <span class="slot__time">{formatTime(slot.start, zone)}–{formatTime(slot.end, zone)}</span>
            {meetingZone !== zone && (
              <span class="slot__zone">{formatTime(slot.start, meetingZone)} {shortZone(meetingZone)}</span>
            )}
          </label>
        ))}
      </div>
      {selected && dayOf(selected) !== day && (
        <p class="muted">
          Chosen: {formatDay(selected, zone)}, {formatTime(selected, zone)}
          {dayOf(selected) < 0 ? ' (no longer listed as free: pick another time or keep it and let Cal.com check)' : ''}.
        </p>
      )}
    </div>
  );
}

export function groupByDay(slots: Slot[], zone = viewerZone): [string, Slot[]][] {
  const days = new Map<string, Slot[]>();
  for (const slot of slots) {
    const day = formatDay(slot.start, zone);
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  return [...days.entries()];
}

function shortZone(zone: string): string {
  return zone.split('/').pop()!.replace(/_/g, ' ');
}
