// Where an interview happens: the wizard's choice (step 5) and the interview page's panel.
import type { Interview, InterviewPlace, PlaceKind } from '../api';
import { TextAreaField, TextField } from '../ui/controls';

export interface PlaceInput {
  kind: PlaceKind;
  address: string;
  phone: string;
}

const KINDS: { kind: PlaceKind; label: string }[] = [
  { kind: 'video', label: 'Video call' },
  { kind: 'in_person', label: 'In person' },
  { kind: 'phone', label: 'Phone' },
];

/** The form's values for a saved place (an interview made before places has none: a video call). */
export function placeInputOf(place: InterviewPlace | null | undefined): PlaceInput {
  return { kind: place?.kind ?? 'video', address: place?.address ?? '', phone: place?.phone ?? '' };
}

/** The API's `place`: the kind, and the address or number it needs. */
export function placeBody(input: PlaceInput): { kind: PlaceKind; address?: string; phone?: string } {
  if (input.kind === 'in_person') return { kind: 'in_person', address: input.address.trim() };
  if (input.kind === 'phone') return { kind: 'phone', phone: input.phone.trim() };
  return { kind: 'video' };
}

interface FieldsProps {
  value: PlaceInput;
  onChange: (value: PlaceInput) => void;
  problems: Record<string, string>;
}

export function PlaceFields({ value, onChange, problems }: FieldsProps) {
  const kindProblem = problems['place.kind'] ?? problems.place;
  return (
    <fieldset class="step__section place-fields">
      <legend>Place</legend>
      <ul class="choices choices--grid" aria-describedby={kindProblem ? 'wizard-place-error' : 'wizard-place-hint'}>
        {KINDS.map(({ kind, label }) => (
          <li key={kind}>
            <label class={`choice${value.kind === kind ? ' choice--selected' : ''}`}>
              <input type="radio" name="wizard-place" value={kind} checked={value.kind === kind} onChange={() => onChange({ ...value, kind })} />
              <span class="choice__title">{label}</span>
            </label>
          </li>
        ))}
      </ul>
      {kindProblem ? (
        <p class="field__error" id="wizard-place-error">{kindProblem}</p>
      ) : (
        <p class="field__hint" id="wizard-place-hint">
          {value.kind === 'video' ? 'Cal.com adds the meeting link when it books.' : 'Everyone invited reads it in the invitation.'}
        </p>
      )}
      {value.kind === 'in_person' && (
        <TextAreaField id="wizard-place-address" label="Address" value={value.address} rows={3} maxLength={300}
          onValue={(address) => onChange({ ...value, address })} error={problems['place.address'] ?? null}
          placeholder="12 rue de la Paix, 75002 Paris" />
      )}
      {value.kind === 'phone' && (
        <TextField id="wizard-place-phone" label="Phone number" type="tel" autoComplete="off" value={value.phone} maxLength={40}
          onValue={(phone) => onChange({ ...value, phone })} error={problems['place.phone'] ?? null}
          hint="The number people call, with its country code: +33 1 84 88 12 34." />
      )}
    </fieldset>
  );
}

/** The interview page's "Place": the address, the number, or the video call's provider. */
export function PlacePanel({ interview }: { interview: Interview }) {
  const place = placeInputOf(interview.place);
  return (
    <section class="panel" aria-labelledby="place-title">
      <h2 id="place-title">Place</h2>
      <dl class="facts">
        {place.kind === 'in_person' && (
          <>
            <dt>Address</dt>
            <dd><address class="place-address" style={{ whiteSpace: 'pre-line', fontStyle: 'normal' }}>{place.address}</address></dd>
          </>
        )}
        {place.kind === 'phone' && (
          <>
            <dt>Phone</dt>
            <dd><a href={`tel:${place.phone.replace(/[^+\d]/g, '')}`}>{place.phone}</a></dd>
          </>
        )}
        {place.kind === 'video' && (
          <>
            <dt>Video call</dt>
            <dd>{interview.meeting_provider ?? (interview.meeting_url ? 'Meeting link' : 'The link comes with the booking')}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
