// After the meeting: a team member says it took place, or who did not come, with a note. The
// whole account replaces the one before, so the dialog opens with what is recorded already.
import { useState } from 'preact/hooks';
import { post, type Interview, type NoShow } from '../api';
import { useSend } from '../hooks';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice, TextAreaField } from '../ui/controls';

type Outcome = 'completed' | 'no_show';
type Absent = { party: 'contact' } | { party: 'guest'; email: string } | { party: 'interviewer'; team_member_id: number };

/** The interview as the outcome answers it, and whether Cal.com's booking was told. */
export type RecordedOutcome = Interview & {
  calcom_mark_absent: { status: 'sent' | 'not_needed' | 'failed'; message: string | null };
};

interface Person { key: string; label: string; absent: Absent }

function keyOf(absent: Absent | NoShow): string {
  if (absent.party === 'guest') return `guest:${absent.email.toLowerCase()}`;
  if (absent.party === 'interviewer') return `interviewer:${absent.team_member_id}`;
  return 'contact';
}

function people(interview: Interview): Person[] {
  const out: Person[] = [];
  if (interview.contact) {
    out.push({ key: 'contact', label: `${interview.contact.name} (the startup's contact)`, absent: { party: 'contact' } });
  }
  for (const guest of interview.guests) {
    const absent: Absent = { party: 'guest', email: guest.email };
    out.push({ key: keyOf(absent), label: `${guest.name || guest.email} (guest)`, absent });
  }
  for (const member of interview.team) {
    const absent: Absent = { party: 'interviewer', team_member_id: member.team_member_id };
    out.push({ key: keyOf(absent), label: `${member.name} (interviewer${member.is_primary ? ', primary' : ''})`, absent });
  }
  return out;
}

export function OutcomeDialog({ interview, onClose, onRecorded }: {
  interview: Interview;
  onClose: () => void;
  onRecorded: (recorded: RecordedOutcome) => void;
}) {
  const everyone = people(interview);
  const [outcome, setOutcome] = useState<Outcome>(interview.no_shows?.length ? 'no_show' : 'completed');
  const [absent, setAbsent] = useState<Set<string>>(() => new Set((interview.no_shows ?? []).map(keyOf)));
  const [note, setNote] = useState(interview.outcome_note ?? '');
  const [touched, setTouched] = useState(false);
  const { busy, error, problems, send } = useSend();
  const missing = outcome === 'no_show' && absent.size === 0 ? 'Tick who did not come.' : null;

  const toggle = (key: string, on: boolean) => {
    const next = new Set(absent);
    if (on) next.add(key);
    else next.delete(key);
    setAbsent(next);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setTouched(true);
    if (missing) return;
    const body = {
      outcome,
      absent: outcome === 'no_show' ? everyone.filter((person) => absent.has(person.key)).map((person) => person.absent) : [],
      note: note.trim(),
    };
    await send(() => post<RecordedOutcome>(`/api/v1/interviews/${interview.id}/outcome`, body), onRecorded);
  };

  // The server names a wrong entry by its place in `absent`: shown beside the list as a whole.
  const listProblem = Object.entries(problems).find(([field]) => field.startsWith('absent'))?.[1];
  const absentError = listProblem ?? (touched ? missing : null);
  return (
    <Dialog titleId="outcome-title" onClose={onClose} describedBy="outcome-text">
      <form class="dialog__body dialog__body--scroll" onSubmit={(event) => void submit(event)} noValidate>
        <h2 id="outcome-title">Mark the outcome</h2>
        <p id="outcome-text">
          How the meeting went, for the team. Who did not come is also marked on the Cal.com booking; nobody is emailed.
        </p>
        {error && <ErrorNotice message={error} />}
        <fieldset class="field">
          <legend>Outcome</legend>
          <label class="checkbox">
            <input type="radio" name="outcome" checked={outcome === 'completed'} onChange={() => setOutcome('completed')} />
            Completed: everyone came
          </label>
          <label class="checkbox">
            <input type="radio" name="outcome" checked={outcome === 'no_show'} onChange={() => setOutcome('no_show')} />
            No-show: someone did not come
          </label>
          {problems.outcome && <p class="field__error">{problems.outcome}</p>}
        </fieldset>
        {outcome === 'no_show' && (
          <fieldset class="field" aria-describedby={absentError ? 'outcome-absent-error' : undefined}>
            <legend>Who did not come</legend>
            {everyone.map((person) => (
              <label class="checkbox" key={person.key}>
                <input
                  type="checkbox"
                  checked={absent.has(person.key)}
                  onChange={(event) => toggle(person.key, (event.target as HTMLInputElement).checked)}
                />
                {person.label}
              </label>
            ))}
            {absentError && <p class="field__error" id="outcome-absent-error">{absentError}</p>}
          </fieldset>
        )}
        <TextAreaField
          id="outcome-note"
          label="Note"
          optional
          value={note}
          onValue={setNote}
          error={problems.note ?? null}
          maxLength={2000}
          rows={3}
        />
        <div class="dialog__actions">
          <button type="button" class="button button--secondary" onClick={onClose}>Close</button>
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save outcome'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
