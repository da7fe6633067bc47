// Reopening the wizard for a startup with a draft of yours: resume it, or start over. Starting
// over discards that draft (after asking once), because keeping it is how identical drafts
// piled up; a person who wants both keeps the draft and schedules from it instead.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DraftRow } from '../api';
import { formatDateTime } from '../time';
import { ErrorNotice } from '../ui/controls';

interface ResumeDraftProps {
  draft: DraftRow;
  /** All the person's drafts of this startup, this one included. */
  total: number;
  busy: boolean;
  error: string | null;
  onResume: () => void;
  onStartOver: () => void;
}

export function ResumeDraft({ draft, total, busy, error, onResume, onStartOver }: ResumeDraftProps) {
  const [confirming, setConfirming] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const when = formatDateTime(draft.updated_at);
  const others = total - 1;

  // The offer replaces the step's heading: the focus goes to it, then to the safe answer of the question.
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (confirming) keep.current?.focus();
  }, [confirming]);

  return (
    <section class="resume-draft" aria-labelledby="resume-draft-title">
      <h3 id="resume-draft-title" class="wizard__step-title" tabIndex={-1} ref={heading} data-autofocus>
        Resume your draft from {when} or start over
      </h3>
      <p>
        <strong>{draft.title}</strong>
        {draft.contact ? ` with ${draft.contact.name}` : ''}, last edited {when}.
      </p>
      {others > 0 && (
        <p class="muted">
          You have {others} more {others === 1 ? 'draft' : 'drafts'} for {draft.startup.name}.{' '}
          <a href={`/drafts?startup_id=${draft.startup.id}`}>See all your drafts</a>
        </p>
      )}
      {error && <ErrorNotice message={error} />}
      {confirming ? (
        <div class="resume-draft__confirm" role="group" aria-labelledby="start-over-question">
          <p id="start-over-question">
            Discard “{draft.title}” and start over? What it holds cannot be brought back.
          </p>
          <div class="dialog__actions">
            <button type="button" class="button button--secondary" ref={keep} onClick={() => setConfirming(false)} disabled={busy}>
              Keep the draft
            </button>
            <button type="button" class="button button--danger" onClick={onStartOver} disabled={busy}>
              {busy ? 'Discarding…' : 'Discard and start over'}
            </button>
          </div>
        </div>
      ) : (
        <div class="dialog__actions">
          <button type="button" class="button button--secondary" onClick={() => setConfirming(true)} disabled={busy}>
            Start over
          </button>
          <button type="button" class="button button--primary" onClick={onResume} disabled={busy}>
            Resume your draft
          </button>
        </div>
      )}
    </section>
  );
}
