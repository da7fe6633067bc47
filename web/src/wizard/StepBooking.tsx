// Step 3: the Cal.com event type (length, description, how often the team is free for it),
// an optional custom duration, and the start time among the team's common free slots.
import { useQuery } from '@tanstack/preact-query';
import { errorMessage, type Slot } from '../api';
import { useDebounced } from '../hooks';
import { availability } from '../queries';
import { groupByDay, SlotPicker } from '../components/SlotPicker';
import { minutesLabel, viewerZone, zoneLabel } from '../time';
import { EmptyState, ErrorNotice, Spinner, TextField } from '../ui/controls';
import { plural } from '../ui/text';
import { availabilityRange, customDurationProblem, type StepProps } from './model';

export function StepBooking({ data, update, interview, problems, blocked }: StepProps) {
  const range = availabilityRange();
  const options = useQuery(availability.bookingOptions(interview!.id, range));
  const durationIssue = customDurationProblem(data);
  const duration = data.useCustomDuration && !durationIssue ? Number(data.customDuration) : undefined;
  const settledDuration = useDebounced(duration, 400);
  const team = [data.primaryId, ...data.additionalIds].filter(Boolean).join(',');
  const chosenType = options.data?.event_types.find((type) => type.id === data.eventTypeId);
  const preset =
    !data.useCustomDuration && data.eventTypeId
      ? chosenType?.slots ?? options.data?.slots_by_event_type?.[String(data.eventTypeId)]
      : undefined;
  // The event type's own slots come with the options; other durations are asked for.
  const asks = Boolean(data.eventTypeId) && !(data.useCustomDuration && !settledDuration) && !preset;
  const asked = useQuery({
    ...availability.common(interview!.id, { ...range, event_type_id: data.eventTypeId, duration: settledDuration, members: team }),
    enabled: asks,
  });
  const slots: { data?: Slot[]; error: unknown; loading: boolean } = preset
    ? { data: preset, error: null, loading: false }
    : asks
      ? { data: asked.data?.common_slots, error: asked.error, loading: asked.isFetching }
      : { error: null, loading: false };
  const meetingZone = data.timezone || interview?.timezone || viewerZone;
  const eventError = problems.event_type_id ?? (blocked?.field === 'event_type' ? blocked.message : null);
  const durationError = problems.custom_duration_minutes ?? (data.useCustomDuration ? durationIssue : null);
  const startError = problems.start_time ?? (blocked?.field === 'start_time' ? blocked.message : null);

  if (options.error) return <ErrorNotice message={errorMessage(options.error)} onRetry={() => void options.refetch()} />;
  if (!options.data) return <div class="wizard__loading"><Spinner label="Loading booking types" /> Loading booking types from Cal.com…</div>;

  const byDay = groupByDay(slots.data ?? []);
  return (
    <div class="step">
      <fieldset class="step__section" data-field="event_type" aria-describedby={eventError ? 'step-event-error' : undefined}>
        <legend>Booking type</legend>
        {options.data.event_types.length === 0 ? (
          <EmptyState>Cal.com has no event types for this team.</EmptyState>
        ) : (
          <ul class="choices choices--grid">
            {options.data.event_types.map((type) => (
              <li key={type.id}>
                <label class={`choice${data.eventTypeId === type.id ? ' choice--selected' : ''}`}>
                  <input
                    type="radio"
                    name="wizard-event-type"
                    checked={data.eventTypeId === type.id}
                    onChange={() => update({ eventTypeId: type.id, startTime: null })}
                  />
                  <span class="choice__body">
                    <span class="choice__title">{type.title}</span>
                    <span class="choice__meta">{minutesLabel(type.length_minutes)}</span>
                    {type.description && <span class="choice__text">{type.description}</span>}
                    <span class={`availability availability--${type.common_free_slots ? 'free' : 'busy'}`}>
                      {type.common_free_slots
                        ? `${plural(type.common_free_slots, 'free time')} for the team`
                        : 'No common free time'}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {eventError && <p class="field__error" id="step-event-error">{eventError}</p>}
      </fieldset>

      <div class="step__section">
        <label class="checkbox">
          <input
            type="checkbox"
            checked={data.useCustomDuration}
            onChange={(event) => update({ useCustomDuration: (event.target as HTMLInputElement).checked, startTime: null })}
          />
          Use a custom duration
        </label>
        {data.useCustomDuration && (
          <div class="narrow">
            <TextField
              id="wizard-duration"
              label="Duration in minutes"
              type="number"
              min={5}
              max={480}
              step={5}
              inputMode="numeric"
              value={data.customDuration}
              onValue={(value) => update({ customDuration: value, startTime: null })}
              error={durationError}
              hint="Between 5 and 480 minutes."
            />
          </div>
        )}
      </div>

      <fieldset class="step__section">
        <legend>Who chooses the slot?</legend>
        <div class="choices choices--inline" role="radiogroup" aria-label="Who chooses the slot?">
          <label class="checkbox">
            <input type="radio" name="wizard-who-picks" checked={!data.contactPicks} onChange={() => update({ contactPicks: false })} />
            I pick it now
          </label>
          <label class="checkbox">
            <input type="radio" name="wizard-who-picks" checked={data.contactPicks} onChange={() => update({ contactPicks: true, startTime: null })} />
            Let the contact pick a time
          </label>
        </div>
      </fieldset>

      {data.contactPicks ? (
        <LinkRulesFields data={data} update={update} blocked={blocked} />
      ) : (
      <fieldset class="step__section" data-field="start_time" aria-describedby={startError ? 'step-start-error' : undefined}>
        <legend>Time</legend>
        <p class="muted">
          Shown in your time zone, {zoneLabel(viewerZone)}
          {meetingZone !== viewerZone && <>, with the meeting time zone, {zoneLabel(meetingZone)}, beside it</>}.
        </p>
        {!data.eventTypeId ? (
          <EmptyState>Choose a booking type to see the times when the team is free.</EmptyState>
        ) : slots.error ? (
          <ErrorNotice message={errorMessage(slots.error)} onRetry={() => void asked.refetch()} />
        ) : slots.loading || !slots.data ? (
          <div class="wizard__loading"><Spinner label="Loading free times" /> Finding times when everyone is free…</div>
        ) : byDay.length === 0 ? (
          <EmptyState>No common free time in the next two weeks. Try another booking type, a shorter duration or a smaller team.</EmptyState>
        ) : (
          <SlotPicker days={byDay} selected={data.startTime} meetingZone={meetingZone} onPick={(start) => update({ startTime: start })} />
        )}
        {startError && <p class="field__error" id="step-start-error">{startError}</p>}
      </fieldset>
      )}
    </div>
  );
}

/** The scheduling link's rules: how far ahead times are offered, the notice, until when they may change it. */
function LinkRulesFields({ data, update, blocked }: Pick<StepProps, 'data' | 'update' | 'blocked'>) {
  const rules = data.link;
  const set = (patch: Partial<typeof rules>) => update({ link: { ...rules, ...patch } });
  const problem = (field: string) => (blocked?.field === field ? blocked.message : null);
  return (
    <fieldset class="step__section">
      <legend>The contact's link</legend>
      <p class="muted">
        After Send, the contact gets an email with a personal link: the times when the whole team is free for this booking
        type, within these rules. Their choice is booked like yours would be.
      </p>
      <div class="form-grid">
        <TextField id="link_window" label="Offer times over the next (days)" type="number" min={1} max={60} inputMode="numeric"
          value={rules.windowDays} onValue={(value) => set({ windowDays: value })} error={problem('link_window')} />
        <TextField id="link_notice" label="Earliest notice (hours)" type="number" min={0} max={336} inputMode="numeric"
          value={rules.noticeHours} onValue={(value) => set({ noticeHours: value })} error={problem('link_notice')} />
        <TextField id="link_change" label="They may move or cancel until (hours before)" type="number" min={0} max={336}
          inputMode="numeric" value={rules.changeHours} onValue={(value) => set({ changeHours: value })} error={problem('link_change')} />
      </div>
    </fieldset>
  );
}
