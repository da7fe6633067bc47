import { useQuery } from '@tanstack/preact-query';
import { ApiError, errorMessage } from '../api';
import { useDocumentTitle } from '../hooks';
import { useLiveInterview } from '../live';
import { interviewChanged, interviews } from '../queries';
import { formatDateTime, localizeTimes, minutesLabel, viewerZone, zoneLabel } from '../time';
import { Badge, EmptyState, ErrorNotice, SkeletonList, Spinner } from '../ui/controls';
import { useState } from 'preact/hooks';
import { CancelInterviewDialog } from './CancelInterview';
import { OutcomeDialog } from '../components/OutcomeDialog';
import { canRecordOutcome } from '../components/outcome';
import { RescheduleInterviewDialog } from './RescheduleInterview';
import { PeopleDialog } from '../components/PeopleDialog';
import { PrimaryDialog } from '../components/PrimaryDialog';
import { PlacePanel } from '../components/PlaceFields';
import { canSendLink, LinkStatus, SendLinkDialog, SentLink } from '../components/SchedulingLink';
import { EmailLink, EmailText } from '../ui/Email';
import { shiftHeadings } from '../ui/text';

const CANCELLABLE = new Set(['draft', 'awaiting_contact', 'scheduled', 'awaiting_host', 'confirmed', 'reschedule_requested']);
// A booking Cal.com holds can move to another time, and one whose host asked for a new time is
// booked again (domain::check_reschedule).
const RESCHEDULABLE = new Set(['scheduled', 'awaiting_host', 'confirmed', 'reschedule_requested']);
// A booked interview's guests and team can change (domain::require_booked_for_people).
const PEOPLE_CHANGEABLE = new Set(['scheduled', 'awaiting_host', 'confirmed']);

const PARTY_LABEL: Record<string, string> = {
  contact: "the startup's contact", guest: 'guest', interviewer: 'interviewer',
};

const INVITATION_LABEL: Record<string, string> = {
  pending: 'Invitation pending', confirmed: 'Invitation confirmed', cancelled: 'Invitation cancelled',
};

export function InterviewPage({ id }: { id: string }) {
  const loaded = useQuery(interviews.detail(id));
  const [cancelling, setCancelling] = useState(false);
  const [rescheduling, setRescheduling] = useState(false);
  const [recordingOutcome, setRecordingOutcome] = useState(false);
  const [calcomNotTold, setCalcomNotTold] = useState<string | null>(null);
  const [editingPeople, setEditingPeople] = useState(false);
  const [sendingLink, setSendingLink] = useState(false);
  const [sentLink, setSentLink] = useState<string | null>(null);
  const [changingPrimary, setChangingPrimary] = useState(false);
  const [oldBookingProblem, setOldBookingProblem] = useState<string | null>(null);
  useDocumentTitle(loaded.data?.title ?? 'Interview');
  const liveNews = useLiveInterview(id, loaded.data?.status);

  if (loaded.error) {
    const missing = loaded.error instanceof ApiError && loaded.error.status === 404;
    return (
      <section class="page">
        <p class="breadcrumb"><a href="/interviews">Interviews</a></p>
        <h1>{missing ? 'Interview not found' : 'Interview'}</h1>
        <ErrorNotice message={errorMessage(loaded.error)} onRetry={missing ? undefined : () => void loaded.refetch()} />
      </section>
    );
  }
  if (!loaded.data) {
    return (
      <section class="page" aria-busy="true">
        <p class="breadcrumb"><a href="/interviews">Interviews</a></p>
        <div class="skeleton skeleton--title" />
        <SkeletonList rows={3} />
        <Spinner label="Loading interview" />
      </section>
    );
  }
  const i = loaded.data;
  const sameZone = i.timezone === viewerZone;
  return (
    <article class="page" aria-labelledby="interview-title">
      <p class="visually-hidden" role="status" aria-atomic="true">{liveNews}</p>
      <p class="breadcrumb">
        <a href="/interviews">Interviews</a> <span aria-hidden="true">/</span>{' '}
        <a href={`/startups/${i.startup.id}`}>{i.startup.name}</a>
      </p>
      {i.sandbox && (
        <div class="banner banner--sandbox" role="note">
          Sandbox booking: made against the simulated Cal.com, no real invitations were sent.
        </div>
      )}
      <div class="page__header">
        <div>
          <h1 id="interview-title">{i.title || `Interview #${i.id}`}</h1>
          <div class="badges">
            <Badge status={i.status} />
            <Badge status={`inv-${i.invitation_status}`} label={INVITATION_LABEL[i.invitation_status] ?? i.invitation_status} />
          </div>
        </div>
        <div class="page__actions">
          {i.meeting_url ? (
            <a class="button button--primary button--large" href={i.meeting_url} target="_blank" rel="noopener noreferrer">
              Join meeting{i.meeting_provider ? ` (${providerName(i.meeting_provider)})` : ''}
            </a>
          ) : (i.status === 'draft' || (i.place?.kind ?? 'video') === 'video') && (
            <p class="muted">{i.status === 'draft' ? 'Not booked yet: finish scheduling from the startup page.' : 'The meeting link appears once Cal.com confirms.'}</p>
          )}
          {canSendLink(i) && (
            <button type="button" class="button button--secondary" onClick={() => setSendingLink(true)}>
              Let the contact pick a time…
            </button>
          )}
          {RESCHEDULABLE.has(i.status) && i.calcom_booking_uid && (
            <button type="button" class="button button--secondary" onClick={() => setRescheduling(true)}>
              Reschedule…
            </button>
          )}
          {PEOPLE_CHANGEABLE.has(i.status) && i.calcom_booking_uid && (
            <button type="button" class="button button--secondary" onClick={() => setEditingPeople(true)}>
              Edit guests and team…
            </button>
          )}
          {PEOPLE_CHANGEABLE.has(i.status) && i.calcom_booking_uid && (
            <button type="button" class="button button--secondary" onClick={() => setChangingPrimary(true)}>
              Change primary interviewer…
            </button>
          )}
          {canRecordOutcome(i) && (
            <button type="button" class="button button--secondary" onClick={() => setRecordingOutcome(true)}>
              Mark outcome…
            </button>
          )}
          {CANCELLABLE.has(i.status) && (
            // Set apart from Join and the other actions, so it is not hit on the way to them.
            <div class="page__danger">
              <button type="button" class="button button--danger-ghost" onClick={() => setCancelling(true)}>
                Cancel interview…
              </button>
            </div>
          )}
        </div>
      </div>
      {sendingLink && (
        <SendLinkDialog
          interview={i}
          onClose={() => setSendingLink(false)}
          onSent={(link) => {
            setSendingLink(false);
            setSentLink(link.url ?? null);
            interviewChanged();
          }}
        />
      )}
      {sentLink && <SentLink url={sentLink} />}
      {i.status === 'awaiting_contact' && (
        <LinkStatus
          interview={i}
          onResend={() => setSendingLink(true)}
          onRevoked={() => {
            setSentLink(null);
            interviewChanged();
          }}
        />
      )}
      {rescheduling && (
        <RescheduleInterviewDialog
          interview={i}
          onClose={() => setRescheduling(false)}
          onRescheduled={() => {
            setRescheduling(false);
            interviewChanged();
          }}
        />
      )}
      {editingPeople && (
        <PeopleDialog
          interview={i}
          onClose={() => setEditingPeople(false)}
          onChanged={() => {
            setEditingPeople(false);
            interviewChanged();
          }}
        />
      )}
      {changingPrimary && (
        <PrimaryDialog
          interview={i}
          onClose={() => setChangingPrimary(false)}
          onChanged={(changed) => {
            setChangingPrimary(false);
            setOldBookingProblem(changed.old_booking_problem);
            interviewChanged();
          }}
        />
      )}
      {oldBookingProblem && (
        <div class="notice notice--warning" role="note">
          The primary interviewer changed, but the old Cal.com booking is still there: {oldBookingProblem}
        </div>
      )}
      {recordingOutcome && (
        <OutcomeDialog
          interview={i}
          onClose={() => setRecordingOutcome(false)}
          onRecorded={(recorded) => {
            setRecordingOutcome(false);
            const told = recorded.calcom_mark_absent;
            setCalcomNotTold(told.status === 'failed' ? told.message ?? 'Cal.com did not answer.' : null);
            interviewChanged();
          }}
        />
      )}
      {calcomNotTold && (
        <div class="notice notice--warning" role="note">
          The outcome is saved, but Cal.com's booking was not told who did not come: {calcomNotTold}
        </div>
      )}
      {cancelling && (
        <CancelInterviewDialog
          interview={i}
          onClose={() => setCancelling(false)}
          onCancelled={() => {
            setCancelling(false);
            interviewChanged();
          }}
        />
      )}

      {i.status === 'cancelled' && (
        <div class="notice notice--warning" role="note">
          This interview was cancelled{i.cancellation_reason ? `: ${i.cancellation_reason}` : '.'}
        </div>
      )}
      {i.status === 'reschedule_requested' && (
        <div class="notice notice--warning" role="note">
          The host asked for a new time{i.cancellation_reason ? `: ${i.cancellation_reason}` : '.'} Cal.com asks the
          startup to pick one and this page follows — or choose it yourself with Reschedule…
        </div>
      )}
      {i.status === 'awaiting_host' && (
        <div class="notice notice--info" role="note">The booking awaits the host's confirmation in Cal.com.</div>
      )}
      <div class="columns">
        <div class="stack">
          <section class="panel" aria-labelledby="when-title">
            <h2 id="when-title">When</h2>
            {i.start_time ? (
              <dl class="facts">
                <dt>Your time · {zoneLabel(viewerZone)}</dt>
                <dd>{formatDateTime(i.start_time)} – {i.end_time ? formatDateTime(i.end_time).split(', ').pop() : ''}</dd>
                {!sameZone && (
                  <>
                    <dt>Meeting time · {zoneLabel(i.timezone)}</dt>
                    <dd>{formatDateTime(i.start_time, i.timezone)}</dd>
                  </>
                )}
                <dt>Duration</dt>
                <dd>{minutesLabel(i.duration_minutes)}{i.event_type ? ` · ${i.event_type.title}` : ''}</dd>
              </dl>
            ) : (
              <EmptyState>No time chosen yet.</EmptyState>
            )}
            <dl class="facts">
              <dt>Cal.com booking</dt>
              <dd>
                {i.calcom_booking_uid || i.calcom_booking_id ? (
                  <code>{i.calcom_booking_uid ?? i.calcom_booking_id}</code>
                ) : (
                  <span class="muted">Not booked</span>
                )}
                {i.calcom_booking_id && i.calcom_booking_uid ? <span class="muted"> (ID {i.calcom_booking_id})</span> : null}
              </dd>
              {i.latest_calcom_event && (
                <>
                  <dt>Latest from Cal.com</dt>
                  <dd>
                    {i.latest_calcom_event.summary}
                    {i.latest_calcom_event.at && <span class="muted"> · {formatDateTime(i.latest_calcom_event.at)}</span>}
                  </dd>
                </>
              )}
            </dl>
            {(i.no_shows?.length || i.outcome_note) && (
              <dl class="facts" aria-label="Outcome">
                <dt>Did not attend</dt>
                <dd>
                  {i.no_shows?.length
                    ? i.no_shows.map((absent) => `${absent.name || absent.email} (${PARTY_LABEL[absent.party] ?? absent.party})`).join(', ')
                    : 'Everyone attended'}
                </dd>
                {i.outcome_note && (
                  <>
                    <dt>Outcome note</dt>
                    <dd>{i.outcome_note}</dd>
                  </>
                )}
              </dl>
            )}
          </section>

          <PlacePanel interview={i} />

          <section class="panel" aria-labelledby="notes-title">
            <h2 id="notes-title">Preparation notes</h2>
            {i.prep_notes_html ? (
              // Rendered and sanitised by the server (prep_notes_html is documented as safe HTML).
              <div class="prose" dangerouslySetInnerHTML={{ __html: shiftHeadings(i.prep_notes_html, 3) }} />
            ) : (
              <EmptyState>No preparation notes.</EmptyState>
            )}
          </section>

          <section class="panel" aria-labelledby="questions-title">
            <h2 id="questions-title">Questions</h2>
            {i.custom_questions.length ? (
              <ol class="questions" aria-label="Questions">
                {i.custom_questions.map((question, index) => <li key={index}>{question}</li>)}
              </ol>
            ) : (
              <EmptyState>No custom questions.</EmptyState>
            )}
          </section>
        </div>

        <div class="stack">
          <section class="panel" aria-labelledby="team-title">
            <h2 id="team-title">Poblysh team</h2>
            {i.team.length ? (
              <ul class="people" aria-label="Poblysh team">
                {i.team.map((member) => (
                  <li class="person" key={member.team_member_id}>
                    <div>
                      <p class="person__name">{member.name} {member.is_primary && <span class="badge badge--primary">Primary</span>}</p>
                      <p class="person__meta">{member.role}</p>
                      <p class="person__meta"><EmailLink email={member.email} /></p>
                    </div>
                  </li>
                ))}
              </ul>
            ) : (
              <EmptyState>No one assigned yet.</EmptyState>
            )}
          </section>

          <section class="panel" aria-labelledby="guests-title">
            <h2 id="guests-title">Guests</h2>
            {i.contact && (
              <p class="person__meta">Main contact: <strong>{i.contact.name}</strong> (<EmailText email={i.contact.email} />)</p>
            )}
            {i.guests.length ? (
              <ul class="people" aria-label="Guests">
                {i.guests.map((guest) => (
                  <li class="person" key={guest.id}>
                    <div>
                      <p class="person__name">{guest.name || <EmailText email={guest.email} />}</p>
                      <p class="person__meta">{[guest.role, guest.company].filter(Boolean).join(' · ') || '—'}</p>
                      <p class="person__meta"><EmailLink email={guest.email} /></p>
                    </div>
                    <div class="person__side">
                      <Badge status={guest.invitation_status} label={guest.invitation_status === 'sent' ? 'Invitation sent' : 'Invitation pending'} />
                      {guest.last_sent_at && <span class="person__meta">{formatDateTime(guest.last_sent_at)}</span>}
                    </div>
                  </li>
                ))}
              </ul>
            ) : (
              <EmptyState>No extra guests.</EmptyState>
            )}
          </section>

          <section class="panel" aria-labelledby="history-title">
            <h2 id="history-title">History</h2>
            {i.history.length ? (
              <ol class="timeline" aria-label="History">
                {i.history.map((entry, index) => (
                  <li key={index}>
                    <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                    <p><strong>{humanAction(entry.action)}</strong>{entry.actor ? ` by ${entry.actor}` : ''}</p>
                    {entry.detail && <p class="person__meta">{localizeTimes(entry.detail)}</p>}
                  </li>
                ))}
              </ol>
            ) : (
              <EmptyState>Nothing has happened yet.</EmptyState>
            )}
          </section>
        </div>
      </div>
    </article>
  );
}

function humanAction(action: string): string {
  const text = action.replace(/[._]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function providerName(provider: string): string {
  const known: Record<string, string> = {
    'integrations:daily': 'Cal Video', daily: 'Cal Video', 'integrations:google:meet': 'Google Meet',
    google_meet: 'Google Meet', zoom: 'Zoom', 'integrations:zoom': 'Zoom',
  };
  return known[provider] ?? provider;
}
