// Step 2: the Poblysh people on the interview: one primary interviewer, optional others,
// with their Cal.com availability for the next two weeks.
import { useQuery } from '@tanstack/preact-query';
import { errorMessage } from '../api';
import { useDebounced } from '../hooks';
import { availability as availabilityQueries, teamMembers } from '../queries';
import { EmptyState, ErrorNotice, Spinner } from '../ui/controls';
import { plural } from '../ui/text';
import { RANGE_DAYS, availabilityRange, type StepProps } from './model';

export function StepTeam({ data, update, interview, problems, blocked }: StepProps) {
  const members = useQuery(teamMembers.list({ active: 'true', limit: 200 }));
  const ids = (members.data?.items ?? []).map((m) => m.id);
  const range = availabilityRange();
  const availability = useQuery(availabilityQueries.members(interview?.id, ids, range));
  const team = [data.primaryId, ...data.additionalIds].filter((id): id is number => id !== null);
  const teamKey = useDebounced(team.join(','), 300);
  const common = useQuery(availabilityQueries.common(interview?.id, { ...range, members: teamKey }));

  const primaryError = problems.primary_team_member_id ?? (blocked?.field === 'primary' ? blocked.message : null);
  const availabilityOf = (id: number) => availability.data?.members.find((m) => m.team_member_id === id);

  if (members.error) return <ErrorNotice message={errorMessage(members.error)} onRetry={() => void members.refetch()} />;
  if (!members.data) return <Spinner label="Loading team members" />;
  if (members.data.items.length === 0) return <EmptyState>There are no active team members. An admin can add them on the Team page.</EmptyState>;

  return (
    <div class="step">
      <p class="muted">
        Choose who leads the interview and who else joins. Availability covers the next {RANGE_DAYS} days.
      </p>
      {availability.error && <ErrorNotice title="Availability could not be loaded" message={errorMessage(availability.error)} onRetry={() => void availability.refetch()} />}
      <fieldset class="step__section" data-field="primary" aria-describedby={primaryError ? 'step-primary-error' : undefined}>
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
                    {availability.isFetching && !info ? (
                      'Checking availability…'
                    ) : !member.calcom_username || info?.availability === 'unknown' ? (
                      <>
                        <span class="availability availability--unknown">Availability unknown</span>{' '}
                        <span class="availability__reason">
                          {info?.reason ?? 'No Cal.com username is set. An admin can add one on the Team page.'}
                        </span>
                      </>
                    ) : info ? (
                      <span class={`availability availability--${info.slots.length ? 'free' : 'busy'}`}>
                        {info.slots.length ? plural(info.slots.length, 'free time') : 'No free time in this period'}
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
        ) : common.isFetching ? (
          <>Checking when everyone is free… <Spinner label="Checking common availability" /></>
        ) : common.data ? (
          <>
            <strong>{team.length}</strong> {team.length === 1 ? 'person' : 'people'} ·{' '}
            <strong>{common.data.common_slots.length}</strong>{' '}
            {common.data.common_slots.length === 1 ? 'free time' : 'free times'} when everyone with known availability is free
          </>
        ) : common.error ? (
          errorMessage(common.error)
        ) : null}
      </div>
    </div>
  );
}
