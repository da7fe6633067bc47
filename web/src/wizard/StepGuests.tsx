// Step 4: extra people from outside Poblysh, from the contacts or typed in.
import { useQuery } from '@tanstack/preact-query';
import { useLayoutEffect, useState } from 'preact/hooks';
import { errorMessage } from '../api';
import { useDebounced } from '../hooks';
import { contacts } from '../queries';
import { minutesLabel } from '../time';
import { EmptyState, ErrorNotice, Spinner, TextField, emailProblem } from '../ui/controls';
import type { GuestInput, StepProps } from './model';
import { EmailText } from '../ui/Email';

export function StepGuests({ data, update, interview, problems, blocked, holdPending }: StepProps) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 200);
  const found = useQuery(contacts.search(q, 8));
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [company, setCompany] = useState('');
  const [tried, setTried] = useState(false);

  const emails = new Set(data.guests.map((g) => g.email.toLowerCase()));
  const mainContact = interview?.contact?.email?.toLowerCase();
  const typedProblem = email
    ? emailProblem(email) ?? (emails.has(email.trim().toLowerCase()) ? 'This person is already a guest.' : null)
    : tried
      ? 'Enter an email address.'
      : null;

  const add = (guest: GuestInput) => update({ guests: [...data.guests, guest] });
  /** The typed guest, or null (with the problem shown and the email focused) when it cannot be added. */
  const takeTyped = (): GuestInput | null => {
    setTried(true);
    const problem = email ? typedProblem : 'Enter an email address.';
    document.getElementById('wizard-guest-email')?.focus();
    if (problem) return null;
    setEmail(''); setName(''); setRole(''); setCompany(''); setTried(false);
    return { email: email.trim(), name: name.trim(), role: role.trim(), company: company.trim() };
  };
  const addTyped = () => {
    const guest = takeTyped();
    if (guest) add(guest);
  };
  // Next adds a guest typed but not added, or stops beside the email: typed work is not dropped.
  const typedAny = [email, name, role, company].some((value) => value.trim());
  useLayoutEffect(() => {
    holdPending((current) => {
      if (!typedAny) return current;
      const guest = takeTyped();
      return guest ? { ...current, guests: [...current.guests, guest] } : null;
    });
    return () => holdPending(null);
  });
  const onEnter = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      addTyped();
    }
  };
  const duration = interview?.summary?.total_duration_minutes ?? interview?.total_duration_minutes ?? interview?.duration_minutes ?? null;

  return (
    <div class="step">
      <section class="step__section" aria-labelledby="guest-search-title">
        <h4 id="guest-search-title">Add from contacts</h4>
        <div class="search">
          <label for="wizard-guest-search">Search contacts</label>
          <input id="wizard-guest-search" type="search" value={text} placeholder="Name, email or startup" autoComplete="off"
            onInput={(event) => setText((event.target as HTMLInputElement).value)} />
          <span class="search__status" aria-live="polite">{found.isFetching && q && <Spinner label="Searching contacts" />}</span>
        </div>
        {found.error ? (
          <ErrorNotice message={errorMessage(found.error)} onRetry={() => void found.refetch()} />
        ) : found.data ? (
          found.data.items.length === 0 ? (
            <p class="muted">No contacts match “{q}”. Type their email below instead.</p>
          ) : (
            <ul class="picker__results" aria-label="Matching contacts">
              {found.data.items.map((contact) => {
                const already = emails.has(contact.email.toLowerCase()) || contact.email.toLowerCase() === mainContact;
                return (
                  <li key={contact.id} class="picker__row">
                    <span>
                      <span class="choice__title">{contact.name}</span>
                      <span class="choice__meta">{[contact.title, contact.startup_name ?? contact.company, contact.email].filter(Boolean).join(' · ')}</span>
                    </span>
                    <button type="button" class="button button--secondary button--small" disabled={already}
                      aria-label={already ? `${contact.name} is already invited` : `Add ${contact.name} as a guest`}
                      onClick={() => add({ contact_id: contact.id, name: contact.name, email: contact.email, role: contact.title, company: contact.company || contact.startup_name || '' })}>
                      {already ? 'Added' : 'Add'}
                    </button>
                  </li>
                );
              })}
            </ul>
          )
        ) : null}
      </section>

      <section class="step__section" aria-labelledby="guest-typed-title">
        <h4 id="guest-typed-title">Or invite by email</h4>
        <div class="grid-2">
          <TextField id="wizard-guest-email" label="Guest email" type="email" value={email} onValue={setEmail} error={typedProblem} onKeyDown={onEnter} autoComplete="off" />
          <TextField id="wizard-guest-name" label="Guest name" value={name} onValue={setName} optional onKeyDown={onEnter} />
          <TextField id="wizard-guest-role" label="Guest role" value={role} onValue={setRole} optional onKeyDown={onEnter} placeholder="Investor, advisor…" />
          <TextField id="wizard-guest-company" label="Guest company" value={company} onValue={setCompany} optional onKeyDown={onEnter} />
        </div>
        <button type="button" class="button button--secondary" onClick={addTyped}>Add guest</button>
      </section>

      <section class="step__section" aria-labelledby="guest-list-title" data-field="guests">
        <h4 id="guest-list-title">Guests</h4>
        {(problems.guests ?? blocked?.message) && <p class="field__error">{problems.guests ?? blocked?.message}</p>}
        {data.guests.length === 0 ? (
          <EmptyState>No extra guests. That is fine: the contact and the team are invited anyway.</EmptyState>
        ) : (
          <ul class="people" aria-label="Guests">
            {data.guests.map((guest, index) => {
              const problem = problems[`guests[${index}].email`] ?? problems[`guests.${index}.email`] ?? emailProblem(guest.email);
              return (
                <li class="person" key={guest.email + index}>
                  <div>
                    <p class="person__name">{guest.name || <EmailText email={guest.email} />}</p>
                    <p class="person__meta">{[guest.role, guest.company].filter(Boolean).join(' · ') || 'No role or company given'}</p>
                    <p class="person__meta"><EmailText email={guest.email} />{guest.contact_id ? ' · from contacts' : ''}</p>
                    {problem && <p class="field__error">{problem}</p>}
                  </div>
                  <button type="button" class="button button--ghost button--small" aria-label={`Remove ${guest.name || guest.email}`}
                    onClick={() => update({ guests: data.guests.filter((_, i) => i !== index) })}>
                    Remove
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        <p class="summary-line" aria-live="polite">
          <strong>{data.guests.length}</strong> {data.guests.length === 1 ? 'guest' : 'guests'} · total duration{' '}
          <strong>{minutesLabel(duration)}</strong>
        </p>
      </section>
    </div>
  );
}
