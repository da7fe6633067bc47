// The parts of step 6's review, each showing one thing that will be sent as the API has it:
// when (in the meeting's zone and the viewer's), where, who, the notes as rendered, the questions.
import type { Interview } from '../api';
import { placeInputOf } from '../components/PlaceFields';
import { shiftHeadings } from '../ui/text';
import { formatDateTime, formatShortDay, formatTime, minutesLabel, viewerZone, zoneLabel } from '../time';
import { EmailText } from '../ui/Email';

/** "Mon, 7 Dec 2026, 09:00 – 09:45" in a zone; the end in full when it falls on another day. */
function startToEnd(start: string, end: string | null, zone: string): string {
  const from = formatDateTime(start, zone);
  if (!end) return from;
  const sameDay = formatShortDay(start, zone) === formatShortDay(end, zone);
  return `${from} – ${sameDay ? formatTime(end, zone) : formatDateTime(end, zone)}`;
}

function endOf(i: Interview): string | null {
  if (i.end_time) return i.end_time;
  if (i.summary?.end?.utc) return i.summary.end.utc;
  if (!i.start_time || !i.duration_minutes) return null;
  return new Date(new Date(i.start_time).getTime() + i.duration_minutes * 60_000).toISOString();
}

/** The summary's row for where the meeting happens: the address, the number, or the video call. */
export function ReviewPlace({ interview: i }: { interview: Interview }) {
  const place = placeInputOf(i.place);
  const where =
    place.kind === 'in_person' ? `In person: ${place.address}` : place.kind === 'phone' ? `Phone: ${place.phone}` : 'Video call (the link comes with the booking)';
  return (
    <>
      <dt>Place</dt>
      <dd style={{ whiteSpace: 'pre-line' }}>{where}</dd>
    </>
  );
}

/** Rows of the summary list: start and end in both zones, the duration and the booking type. */
export function ReviewWhen({ interview: i }: { interview: Interview }) {
  const zone = i.timezone || viewerZone;
  const end = endOf(i);
  const at = i.start_time ? new Date(i.start_time) : undefined;
  return (
    <>
      {zone === viewerZone ? (
        <>
          <dt>When (meeting time and yours)</dt>
          <dd>{i.start_time ? startToEnd(i.start_time, end, zone) : '—'} <span class="muted">{zoneLabel(zone, at)}</span></dd>
        </>
      ) : (
        <>
          <dt>When (meeting time)</dt>
          <dd>{i.start_time ? startToEnd(i.start_time, end, zone) : '—'} <span class="muted">{zoneLabel(zone, at)}</span></dd>
          <dt>When (your time)</dt>
          <dd>{i.start_time ? startToEnd(i.start_time, end, viewerZone) : '—'} <span class="muted">{zoneLabel(viewerZone, at)}</span></dd>
        </>
      )}
      <dt>Duration</dt>
      <dd>{minutesLabel(i.duration_minutes)}</dd>
      <dt>Booking type</dt>
      <dd>{i.event_type ? i.event_type.title : '—'}</dd>
    </>
  );
}

/** Rows of the summary list: the contact, the team and the guests, each with what identifies them. */
export function ReviewPeople({ interview: i }: { interview: Interview }) {
  const primary = i.team?.find((m) => m.is_primary);
  const others = (i.team ?? []).filter((m) => !m.is_primary);
  const guests = i.guests ?? [];
  return (
    <>
      <dt>Contact</dt>
      <dd>{i.contact ? <>{i.contact.name} (<EmailText email={i.contact.email} />)</> : '—'}</dd>
      <dt>Primary interviewer</dt>
      <dd>{primary ? `${primary.name}, ${primary.role}` : '—'}</dd>
      <dt>Also joining</dt>
      <dd>
        {others.length ? (
          <ul class="review-list" aria-label="Also joining">
            {others.map((m) => <li key={m.team_member_id}>{m.name}, {m.role}</li>)}
          </ul>
        ) : (
          'No one else'
        )}
      </dd>
      <dt>Guests</dt>
      <dd>
        {guests.length ? (
          <ul class="review-list" aria-label="Guests to invite">
            {guests.map((g) => (
              <li key={g.email}>
                {g.name ? <>{g.name} (<EmailText email={g.email} />)</> : <EmailText email={g.email} />}
                {(g.role || g.company) && <span class="muted"> · {[g.role, g.company].filter(Boolean).join(' · ')}</span>}
              </li>
            ))}
          </ul>
        ) : (
          'None'
        )}
      </dd>
    </>
  );
}

/** The preparation notes as the server rendered them, their headings placed below this section's. */
export function ReviewNotes({ interview: i }: { interview: Interview }) {
  return (
    <section class="review-section" aria-labelledby="review-notes-title">
      <h4 id="review-notes-title">Preparation notes</h4>
      {i.prep_notes_html ? (
        // Rendered and sanitised by the server (prep_notes_html is documented as safe HTML).
        <div class="prose" dangerouslySetInnerHTML={{ __html: shiftHeadings(i.prep_notes_html, 5) }} />
      ) : (
        <p class="muted">No notes.</p>
      )}
    </section>
  );
}

export function ReviewQuestions({ interview: i }: { interview: Interview }) {
  const questions = i.custom_questions ?? [];
  return (
    <section class="review-section" aria-labelledby="review-questions-title">
      <h4 id="review-questions-title">Custom questions</h4>
      {questions.length ? (
        <ol class="review-list review-list--numbered" aria-label="Custom questions to ask">
          {questions.map((q, index) => <li key={index}>{q}</li>)}
        </ol>
      ) : (
        <p class="muted">No custom questions.</p>
      )}
    </section>
  );
}
