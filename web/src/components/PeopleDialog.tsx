// Who is invited to a booked interview: guests and additional interviewers added or taken off
// in one change. Only the people added or taken off get an email; the dialog says so, and says
// what Cal.com cannot do (take anyone off its booking) and what we do instead.
import { useQuery } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { post, type Interview } from '../api';
import { useSend } from '../hooks';
import { teamMembers } from '../queries';
import { Dialog } from '../ui/Dialog';
import { emailProblem, ErrorNotice, SelectField, TextField } from '../ui/controls';
import { EmailText } from '../ui/Email';

interface NewGuest { name: string; email: string }

export function PeopleDialog({ interview, onClose, onChanged }: {
  interview: Interview;
  onClose: () => void;
  onChanged: (changed: Interview) => void;
}) {
  const members = useQuery(teamMembers.list({ active: 'true', limit: 200 }));
  const [removedGuests, setRemovedGuests] = useState<string[]>([]);
  const [removedTeam, setRemovedTeam] = useState<number[]>([]);
  const [addedGuests, setAddedGuests] = useState<NewGuest[]>([]);
  const [addedTeam, setAddedTeam] = useState<number[]>([]);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [emailTouched, setEmailTouched] = useState(false);
  const [memberChoice, setMemberChoice] = useState('');
  const { busy, error, problems, send } = useSend();

  const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  const onTeam = new Set(interview.team.map((member) => member.team_member_id));
  const candidates = (members.data?.items ?? []).filter((m) => !onTeam.has(m.id) && !addedTeam.includes(m.id));
  const memberName = (id: number) => members.data?.items.find((m) => m.id === id)?.name ?? `#${id}`;
  const emailError = emailTouched ? emailProblem(email) : null;
  const changes = removedGuests.length + removedTeam.length + addedGuests.length + addedTeam.length;

  const addGuest = () => {
    setEmailTouched(true);
    if (emailProblem(email)) return;
    const typed = email.trim().toLowerCase();
    if (!addedGuests.some((g) => g.email.toLowerCase() === typed)) {
      setAddedGuests([...addedGuests, { name: name.trim(), email: email.trim() }]);
    }
    setName('');
    setEmail('');
    setEmailTouched(false);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!changes) return;
    await send(
      () => post<Interview>(`/api/v1/interviews/${interview.id}/people`, {
        add_guests: addedGuests,
        remove_guests: removedGuests,
        add_team_member_ids: addedTeam,
        remove_team_member_ids: removedTeam,
      }),
      onChanged,
    );
  };

  const problemList = Object.entries(problems);
  return (
    <Dialog titleId="people-title" onClose={onClose} describedBy="people-text" size="large">
      <form class="dialog__body" onSubmit={(event) => void submit(event)} noValidate>
        <h2 id="people-title">Guests and team</h2>
        <p id="people-text">
          Only the people you add or take off get an email: an invitation for those added, a cancellation for those
          taken off. Everyone else hears nothing.
        </p>
        <div class="notice notice--info" role="note">
          <p>
            <strong>What Cal.com cannot do:</strong> Cal.com adds the people you add to its booking (and, unless its
            emails are off, sends the guests its own invitation), but it has no way to take anyone off. Someone you take
            off here stays on Cal.com's booking and may still get Cal.com's emails about later changes; we send them a
            cancellation that removes the interview from their calendar, and the history says so.
          </p>
        </div>
        {error && <ErrorNotice message={error} />}
        {problemList.length > 0 && (
          <ul class="field-problems">
            {problemList.map(([field, problem]) => <li key={field}>{field}: {problem}</li>)}
          </ul>
        )}

        <h3>Poblysh team</h3>
        <ul class="people" aria-label="Team in this change">
          {interview.team.map((member) => {
            const leaving = removedTeam.includes(member.team_member_id);
            return (
              <li class="person" key={member.team_member_id}>
                <p class="person__name">
                  {leaving ? <s>{member.name}</s> : member.name} {member.is_primary && <span class="badge badge--primary">Primary</span>}
                </p>
                {member.is_primary ? (
                  <span class="person__meta">Hosts Cal.com's booking; cannot be taken off here.</span>
                ) : (
                  <button type="button" class="button button--secondary"
                    aria-label={`${leaving ? 'Keep' : 'Remove'} ${member.name}`}
                    onClick={() => setRemovedTeam(toggle(removedTeam, member.team_member_id))}>
                    {leaving ? 'Keep' : 'Remove'}
                  </button>
                )}
              </li>
            );
          })}
          {addedTeam.map((id) => (
            <li class="person" key={`new-${id}`}>
              <p class="person__name">{memberName(id)} <span class="badge">New</span></p>
              <button type="button" class="button button--secondary" aria-label={`Do not add ${memberName(id)}`}
                onClick={() => setAddedTeam(toggle(addedTeam, id))}>Undo</button>
            </li>
          ))}
        </ul>
        <div class="inline-form">
          <SelectField
            id="people-member"
            label="Add an interviewer"
            value={memberChoice}
            onValue={setMemberChoice}
            options={[{ value: '', label: members.isLoading ? 'Loading…' : 'Choose a team member' },
              ...candidates.map((m) => ({ value: String(m.id), label: `${m.name} (${m.role})` }))]}
          />
          <button type="button" class="button button--secondary" disabled={!memberChoice}
            onClick={() => { setAddedTeam([...addedTeam, Number(memberChoice)]); setMemberChoice(''); }}>
            Add interviewer
          </button>
        </div>

        <h3>Guests</h3>
        <ul class="people" aria-label="Guests in this change">
          {interview.guests.map((guest) => {
            const leaving = removedGuests.includes(guest.email);
            const label = guest.name || guest.email;
            return (
              <li class="person" key={guest.email}>
                <p class="person__name">{leaving ? <s>{label}</s> : label} <span class="person__meta"><EmailText email={guest.email} /></span></p>
                <button type="button" class="button button--secondary" aria-label={`${leaving ? 'Keep' : 'Remove'} ${label}`}
                  onClick={() => setRemovedGuests(toggle(removedGuests, guest.email))}>
                  {leaving ? 'Keep' : 'Remove'}
                </button>
              </li>
            );
          })}
          {addedGuests.map((guest) => (
            <li class="person" key={`new-${guest.email}`}>
              <p class="person__name">{guest.name || guest.email} <span class="badge">New</span></p>
              <button type="button" class="button button--secondary" aria-label={`Do not add ${guest.name || guest.email}`}
                onClick={() => setAddedGuests(addedGuests.filter((g) => g !== guest))}>Undo</button>
            </li>
          ))}
        </ul>
        <div class="inline-form">
          <TextField id="people-guest-name" label="Guest name" value={name} onValue={setName} optional maxLength={200} />
          <TextField id="people-guest-email" label="Guest email" type="email" value={email} onValue={setEmail}
            error={emailError} maxLength={254} />
          <button type="button" class="button button--secondary" onClick={addGuest}>Add guest</button>
        </div>

        <div class="dialog__actions">
          <button type="button" class="button button--secondary" onClick={onClose}>Close</button>
          <button type="submit" class="button button--primary" disabled={busy || !changes}>
            {busy ? 'Saving…' : 'Save changes'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
