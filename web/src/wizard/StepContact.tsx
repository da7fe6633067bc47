// Step 1: which startup and which of its people the interview is with.
import { useQuery } from '@tanstack/preact-query';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { errorMessage, type Startup } from '../api';
import { ContactForm, type SubmitContact } from '../components/ContactForm';
import { useDebounced } from '../hooks';
import { startups } from '../queries';
import { EmptyState, ErrorNotice, Spinner } from '../ui/controls';
import type { StepProps } from './model';

export function StepContact({ data, update, problems, blocked, holdPending }: StepProps) {
  const [changing, setChanging] = useState(false);
  const [adding, setAdding] = useState(false);
  const submit = useRef<SubmitContact | null>(null);
  // A new contact typed but not saved is saved by Next (or stops it, saying why), not dropped.
  useLayoutEffect(() => {
    holdPending(async (current) => {
      if (!adding || !submit.current) return current;
      const saved = await submit.current();
      if (saved === null) return null;
      setAdding(false);
      return saved === 'empty' ? current : { ...current, contactId: saved.id };
    });
    return () => holdPending(null);
  });
  const startup = useQuery(startups.detail(data.startup.id));
  const contacts = startup.data?.contacts ?? [];
  const contactError = problems.contact_id ?? problems.contact ?? (blocked?.field === 'contact' ? blocked.message : null);

  return (
    <div class="step">
      <section class="step__section" aria-labelledby="step-startup-title">
        <h4 id="step-startup-title">Startup</h4>
        {changing ? (
          <StartupPicker
            current={data.startup.id}
            onPick={(picked) => {
              setChanging(false);
              if (picked.id !== data.startup.id) update({ startup: { id: picked.id, name: picked.name }, contactId: null });
            }}
            onCancel={() => setChanging(false)}
          />
        ) : (
          <div class="selected">
            <div>
              <p class="person__name">{data.startup.name}</p>
              {startup.data?.website && <p class="person__meta">{startup.data.website.replace(/^https?:\/\//, '')}</p>}
            </div>
            <button type="button" class="button button--secondary button--small" onClick={() => setChanging(true)}>
              Change startup
            </button>
          </div>
        )}
      </section>

      <fieldset class="step__section" data-field="contact" aria-describedby={contactError ? 'step-contact-error' : undefined}>
        <legend>Contact at {data.startup.name}</legend>
        {startup.error ? (
          <ErrorNotice message={errorMessage(startup.error)} onRetry={() => void startup.refetch()} />
        ) : !startup.data ? (
          <Spinner label="Loading contacts" />
        ) : contacts.length === 0 ? (
          <EmptyState>{data.startup.name} has no contacts yet. Add one below.</EmptyState>
        ) : (
          <ul class="choices">
            {contacts.map((contact) => (
              <li key={contact.id}>
                <label class={`choice${data.contactId === contact.id ? ' choice--selected' : ''}`}>
                  <input
                    type="radio"
                    name="wizard-contact"
                    checked={data.contactId === contact.id}
                    onChange={() => update({ contactId: contact.id })}
                  />
                  <span class="choice__body">
                    <span class="choice__title">{contact.name}</span>
                    <span class="choice__meta">{[contact.title, contact.email].filter(Boolean).join(' · ')}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {contactError && <p class="field__error" id="step-contact-error">{contactError}</p>}
        {adding ? (
          <ContactForm
            idPrefix="wizard-contact"
            level={4}
            submitRef={submit}
            startupId={data.startup.id}
            onCancel={() => setAdding(false)}
            onSaved={(contact) => {
              setAdding(false);
              update({ contactId: contact.id });
            }}
          />
        ) : (
          <button type="button" class="button button--secondary button--small" onClick={() => setAdding(true)}>
            Add a new contact
          </button>
        )}
      </fieldset>
    </div>
  );
}

function StartupPicker({ current, onPick, onCancel }: { current: number; onPick: (s: Startup) => void; onCancel: () => void }) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 200);
  const list = useQuery(startups.list({ q, limit: 8 }));
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <div class="picker">
      <div class="search">
        <label for="wizard-startup-search">Search startups</label>
        <input
          id="wizard-startup-search"
          type="search"
          value={text}
          ref={input}
          onInput={(event) => setText((event.target as HTMLInputElement).value)}
          autoComplete="off"
        />
        <span class="search__status" aria-live="polite">{list.isFetching && <Spinner label="Searching" />}</span>
      </div>
      {list.error ? (
        <ErrorNotice message={errorMessage(list.error)} onRetry={() => void list.refetch()} />
      ) : (
        <ul class="picker__results" aria-label="Matching startups">
          {(list.data?.items ?? []).map((startup) => (
            <li key={startup.id}>
              <button type="button" class="picker__option" aria-pressed={startup.id === current ? 'true' : 'false'} onClick={() => onPick(startup)}>
                <span class="choice__title">{startup.name}</span>
                <span class="choice__meta">{startup.description}</span>
              </button>
            </li>
          ))}
          {list.data && list.data.items.length === 0 && <li class="muted">No startups match “{q}”.</li>}
        </ul>
      )}
      <button type="button" class="button button--ghost button--small" onClick={onCancel}>
        Keep current startup
      </button>
    </div>
  );
}
