// Step 2: the Poblysh people on the interview: one primary interviewer, optional others,
// with their Cal.com availability for the next two weeks.
import { errorMessage, get, query, type Availability, type Page, type TeamMember } from '../api';
import { useDebounced, useLoad } from '../hooks';
import { EmptyState, ErrorNotice, Spinner } from '../ui/controls';
import { RANGE_DAYS, availabilityRange } from './model';
import type { StepProps } from './Wizard';

/**
 * Each member's availability. Asked for all at once; if that fails (one calendar Cal.com cannot
 * read must not hide everyone else's), asked member by member.
 */
async function memberAvailability(
  interviewId: number, ids: number[], range: { from: string; to: string }, signal: AbortSignal,
): Promise<Availability> {
  const url = (members: string) => `/api/v1/interviews/${interviewId}/availability${query({ ...range, members })}`;
  try {
    return await get<Availability>(url(ids.join(',')), signal);
  } catch (error) {
    if (signal.aborted || ids.length < 2) throw error;
    const each = await Promise.allSettled(ids.map((id) => get<Availability>(url(String(id)), signal)));
    const members = each.flatMap((result) => (result.status === 'fulfilled' ? result.value.members : []));
    if (!members.length) throw error;
    return { members, common_slots: [] };
  }
}

export function StepTeam({ data, update, interview, problems, blocked }: StepProps) {
  const members = useLoad((signal) => get<Page<TeamMember>>('/api/v1/team-members?active=true&limit=200', signal), []);
  const ids = (members.data?.items ?? []).map((m) => m.id);
  const range = availabilityRange();
  const availability = useLoad(
    async (signal) => (interview && ids.length ? memberAvailability(interview.id, ids, range, signal) : null),
    [interview?.id, ids.join(',')],
  );
  const team = [data.primaryId, ...data.additionalIds].filter((id): id is number => id !== null);
  const teamKey = useDebounced(team.join(','), 300);
  const common = useLoad(
    async (signal) =>
      interview && teamKey
        ? get<Availability>(`/api/v1/interviews/${interview.id}/availability${query({ ...range, members: teamKey })}`, signal)
        : null,
    [interview?.id, teamKey],
  );

  const primaryError = problems.primary_team_member_id ?? (blocked?.field === 'primary' ? blocked.message : null);
  const availabilityOf = (id: number) => availability.data?.members.find((m) => m.team_member_id === id);

  if (members.error) return <ErrorNotice message={errorMessage(members.error)} onRetry={members.reload} />;
  if (!members.data) return <Spinner label="Loading team members" />;
  if (members.data.items.length === 0) return <EmptyState>There are no active team members. An admin can add them on the Team page.</EmptyState>;

  return (
    <div class="step">
      <p class="muted">
        Choose who leads the interview and who else joins. Availability covers the next {RANGE_DAYS} days.
      </p>
      {availability.error && <ErrorNotice title="Availability could not be loaded" message={errorMessage(availability.error)} onRetry={availability.reload} />}
      <fieldset class="step__section" aria-describedby={primaryError ? 'step-primary-error' : undefined}>
        <legend>Team members</legend>
        <ul class="choices">
          {members.data.items.map((member) => {
            const info = availabilityOf(member.id);
            const isPrimary = data.primaryId === member.id;
            const joins = data.additionalIds.includes(member.id);
            return (
              <li key={member.id} class={`member-choice${isPrimary || joins ? ' member-choice--selected' : ''}`}>
                <div class="member-choice__who">
                  <span class="choice__title">{member.name}</span>
                  <span class="choice__meta">{member.role}</span>
                  <span class="choice__meta">
                    {availability.loading && !info ? (
                      'Checking availability…'
                    ) : !member.calcom_username ? (
                      <span class="availability availability--unknown">Availability unknown (no Cal.com username)</span>
                    ) : info?.availability === 'unknown' ? (
                      <span class="availability availability--unknown" title={info.reason ?? undefined}>
                        Availability unknown{info.reason ? ` (${info.reason.replace(/\.$/, '')})` : ''}
                      </span>
                    ) : info ? (
                      <span class={`availability availability--${info.slots.length ? 'free' : 'busy'}`}>
                        {info.slots.length ? `${info.slots.length} free slots` : 'No free slots in this period'}
                      </span>
                    ) : null}
                  </span>
                </div>
                <div class="member-choice__controls">
                  <label class="pill-control">
                    <input
                      type="radio"
                      name="wizard-primary"
                      aria-label={`Primary interviewer: ${member.name}`}
                      checked={isPrimary}
                      onChange={() => update({ primaryId: member.id, additionalIds: data.additionalIds.filter((id) => id !== member.id) })}
                    />
                    Primary
                  </label>
                  <label class={`pill-control${isPrimary ? ' pill-control--disabled' : ''}`}>
                    <input
                      type="checkbox"
                      checked={joins}
                      aria-label={`Joins: ${member.name}`}
                      disabled={isPrimary}
                      onChange={(event) => {
                        const on = (event.target as HTMLInputElement).checked;
                        update({ additionalIds: on ? [...data.additionalIds, member.id] : data.additionalIds.filter((id) => id !== member.id) });
                      }}
                    />
                    Joins
                  </label>
                </div>
              </li>
            );
          })}
        </ul>
        {primaryError && <p class="field__error" id="step-primary-error">{primaryError}</p>}
        {problems.additional_team_member_ids && <p class="field__error">{problems.additional_team_member_ids}</p>}
      </fieldset>
      <div class="summary-line" aria-live="polite">
        {team.length === 0 ? (
          'No one chosen yet.'
        ) : common.loading ? (
          <>Checking when everyone is free… <Spinner label="Checking common availability" /></>
        ) : common.data ? (
          <>
            <strong>{team.length}</strong> {team.length === 1 ? 'person' : 'people'} ·{' '}
            <strong>{common.data.common_slots.length}</strong> times when everyone with known availability is free
          </>
        ) : common.error ? (
          errorMessage(common.error)
        ) : null}
      </div>
    </div>
  );
}
