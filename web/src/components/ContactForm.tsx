// The new-contact form, shared by the startup page and the wizard's first step: it lives in
// components/, below both, so neither imports the other.
import type { MutableRef } from 'preact/hooks';
import { useLayoutEffect, useState } from 'preact/hooks';
import { errorMessage, fieldProblems, post, type Contact } from '../api';
import { contactAdded } from '../queries';
import { ErrorNotice, TextField, emailProblem } from '../ui/controls';

/**
 * Saves what the form holds, as its Save button does: the contact, 'empty' when nothing was
 * typed, or null when it could not be saved (the problem is shown and focused).
 */
export type SubmitContact = () => Promise<Contact | 'empty' | null>;

/** Adds a contact to a startup; its page and the wizard show it at once (queries.contactAdded). */
export function ContactForm({
  startupId, onSaved, onCancel, idPrefix = 'contact', level = 3, submitRef,
}: {
  startupId: number; onSaved: (contact: Contact) => void; onCancel: () => void; idPrefix?: string;
  /** The heading level of "New contact" where the form sits. */
  level?: 3 | 4;
  /** Filled with SubmitContact, for a caller that saves the form on its own Next. */
  submitRef?: MutableRef<SubmitContact | null>;
}) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [title, setTitle] = useState('');
  const [phone, setPhone] = useState('');
  const [touched, setTouched] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const local = {
    name: name.trim() ? null : 'Enter the contact’s name.',
    email: email ? emailProblem(email) : touched ? 'Enter an email address.' : null,
  };

  const save = async (): Promise<Contact | null> => {
    setTouched(true);
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = 'Enter the contact’s name.';
    const emailIssue = emailProblem(email);
    if (emailIssue) found.email = emailIssue;
    setProblems(found);
    if (Object.keys(found).length) {
      document.getElementById(`${idPrefix}-${found.name ? 'name' : 'email'}`)?.focus();
      return null;
    }
    setBusy(true);
    setError(null);
    try {
      const contact = await post<Contact>(`/api/v1/startups/${startupId}/contacts`, {
        name: name.trim(), email: email.trim(), title: title.trim(), phone: phone.trim() || null,
      });
      contactAdded(contact);
      onSaved(contact);
      return contact;
    } catch (caught) {
      setProblems(fieldProblems(caught));
      setError(errorMessage(caught));
      return null;
    } finally {
      setBusy(false);
    }
  };
  const typed = [name, email, title, phone].some((value) => value.trim());
  useLayoutEffect(() => {
    if (!submitRef) return;
    submitRef.current = () => (typed ? save() : Promise.resolve('empty' as const));
    return () => {
      submitRef.current = null;
    };
  });
  const Heading = level === 4 ? 'h4' : 'h3';

  // A <div> rather than a <form>: this also sits inside the wizard's own form.
  return (
    <div class="inline-form" role="group" aria-labelledby={`${idPrefix}-form-title`}>
      <Heading id={`${idPrefix}-form-title`}>New contact</Heading>
      {error && <ErrorNotice message={error} />}
      <div class="grid-2">
        <TextField id={`${idPrefix}-name`} label="Name" value={name} onValue={setName} error={problems.name ?? (touched ? local.name : null)} data-autofocus />
        <TextField
          id={`${idPrefix}-email`}
          label="Email"
          type="email"
          value={email}
          onValue={setEmail}
          error={problems.email ?? (email ? local.email : touched ? local.email : null)}
          onKeyDown={(event) => event.key === 'Enter' && (event.preventDefault(), void save())}
        />
        <TextField id={`${idPrefix}-title`} label="Title" value={title} onValue={setTitle} error={problems.title} optional />
        <TextField id={`${idPrefix}-phone`} label="Phone" type="tel" value={phone} onValue={setPhone} error={problems.phone} optional />
      </div>
      <div class="form-actions">
        <button type="button" class="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" class="button button--primary" onClick={() => void save()} disabled={busy}>
          {busy ? 'Saving…' : 'Save contact'}
        </button>
      </div>
    </div>
  );
}
