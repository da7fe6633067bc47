// The team's common free times as days, then the chosen day's times: the wizard's step 3 and
// the interview page's reschedule pick a time with it.
import { useEffect, useState } from 'preact/hooks';
import type { Slot } from '../api';
import { formatDay, formatShortDay, formatTime, viewerZone } from '../time';

/** Days as buttons, then the chosen day's times as radio buttons (two weeks of times is long). */
export function SlotPicker({ days, selected, meetingZone, onPick }: {
  days: [string, Slot[]][]; selected: string | null; meetingZone: string; onPick: (start: string) => void;
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
            <span class="day__name">{formatShortDay(slots[0]!.start)}</span>
            <span class="visually-hidden">, {label}</span>
            <span class="day__count">{slots.length} {slots.length === 1 ? 'time' : 'times'}</span>
          </button>
        ))}
      </div>
      <div class="slots__list" role="radiogroup" aria-label={`Free times on ${current[0]}`}>
        {current[1].map((slot) => (
          <label class={`slot${selected === slot.start ? ' slot--selected' : ''}`} key={slot.start}>
            <input type="radio" name="wizard-slot" checked={selected === slot.start} onChange={() => onPick(slot.start)} />
            <span class="slot__time">{formatTime(slot.start)}–{formatTime(slot.end)}</span>
            {meetingZone !== viewerZone && (
              <span class="slot__zone">{formatTime(slot.start, meetingZone)} {shortZone(meetingZone)}</span>
            )}
          </label>
        ))}
      </div>
      {selected && dayOf(selected) !== day && (
        <p class="muted">
          Chosen: {formatDay(selected)}, {formatTime(selected)}
          {dayOf(selected) < 0 ? ' (no longer listed as free: pick another time or keep it and let Cal.com check)' : ''}.
        </p>
      )}
    </div>
  );
}

export function groupByDay(slots: Slot[]): [string, Slot[]][] {
  const days = new Map<string, Slot[]>();
  for (const slot of slots) {
    const day = formatDay(slot.start);
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  return [...days.entries()];
}

function shortZone(zone: string): string {
  return zone.split('/').pop()!.replace(/_/g, ' ');
}
