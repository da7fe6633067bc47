// Step 1's title field: what the draft is called in lists. Left as it is, the server names it
// after the startup and the contact, and renames it when the contact changes; typed, it stays.
import { useQuery } from '@tanstack/preact-query';
import { startups } from '../queries';
import { TextField } from '../ui/controls';

/** The longest title the API takes, in bytes of UTF-8 (domain/interview_title.hpp). */
export const MAX_TITLE_BYTES = 200;

export function titleProblem(title: string): string | null {
  if (new TextEncoder().encode(title).length > MAX_TITLE_BYTES) return 'Keep the title shorter (at most 200 characters).';
  return null;
}

interface DraftTitleProps {
  startup: { id: number; name: string };
  contactId: number | null;
  /** What the field shows: null while the person has not typed, then the saved title is shown. */
  value: string | null;
  saved: string | null;
  onValue: (title: string) => void;
  error?: string | null;
}

export function DraftTitle({ startup, contactId, value, saved, onValue, error }: DraftTitleProps) {
  const detail = useQuery(startups.detail(startup.id));
  const contact = detail.data?.contacts?.find((c) => c.id === contactId);
  const fallback = `Interview with ${startup.name}${contact ? ` – ${contact.name}` : ''}`;
  const shown = value ?? saved ?? '';
  return (
    <div class="step__section">
      <TextField
        id="wizard-title-field"
        label="Title"
        optional
        value={shown}
        onValue={onValue}
        placeholder={fallback}
        error={error ?? (value !== null ? titleProblem(value) : null)}
        hint="How this draft and the interview are named in lists. Leave it empty for the name shown."
        autocomplete="off"
      />
    </div>
  );
}
