// The six-step "Schedule interview" dialog. Each Next saves its step to the draft interview on
// the server; the draft id is remembered per startup so closing and reopening resumes it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, errorMessage, get, post, put, type Interview } from '../api';
import { interviewChanged } from '../queries';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice, Spinner } from '../ui/controls';
import {
  STEPS, dataFromInterview, emptyData, forgetDraft, interviewFrom, linkRequest, rememberDraft, rememberedDraft, resumeStep, stepProblem,
  type Pending, type StepProps, type WizardData,
} from './model';
import { StepContact } from './StepContact';
import { StepTeam } from './StepTeam';
import { StepBooking } from './StepBooking';
import { StepGuests } from './StepGuests';
import { StepDetails } from './StepDetails';
import { StepConfirm } from './StepConfirm';
import { placeBody } from '../components/PlaceFields';

/** Fields a step cannot mark with data-field (their own element ids). */
const FIELD_IDS: Record<string, string> = {
  duration: 'wizard-duration', questions: 'wizard-question', timezone: 'wizard-timezone',
  link_window: 'link_window', link_notice: 'link_notice', link_change: 'link_change',
};

interface WizardProps {
  startup: { id: number; name: string };
  onClose: () => void;
  onDone: (interviewId: number) => void;
}

export function Wizard({ startup, onClose, onDone }: WizardProps) {
  const [data, setData] = useState<WizardData>(() => emptyData(startup));
  const [interview, setInterview] = useState<Interview | null>(null);
  const [step, setStep] = useState(1);
  const [reached, setReached] = useState(1);
  const [resuming, setResuming] = useState(() => rememberedDraft(startup.id) !== null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  // Whether Next was tried on this step: what is missing is said only then, not on arrival.
  const [tried, setTried] = useState(false);
  const pendingRef = useRef<Pending | null>(null);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const body = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // Resume a remembered draft of this startup.
  useEffect(() => {
    const remembered = rememberedDraft(startup.id);
    if (!remembered) return;
    // Read into the wizard's own state to be edited, not shown from the cache.
    get<Interview>(`/api/v1/interviews/${remembered.id}`)
      .then((draft) => {
        if (draft.status !== 'draft') {
          forgetDraft(startup.id);
          return;
        }
        setInterview(draft);
        const at = resumeStep(draft, remembered.step);
        setData(dataFromInterview(draft, remembered.step > 5));
        setStep(at);
        setReached(Math.max(at, remembered.step));
      })
      .catch((caught) => {
        if (caught instanceof ApiError && caught.status === 404) forgetDraft(startup.id);
        else setError(`The saved draft could not be loaded: ${errorMessage(caught)}`);
      })
      .finally(() => setResuming(false));
  }, [startup.id]);

  const update = (patch: Partial<WizardData>) => setData((current) => ({ ...current, ...patch }));

  const go = (next: number) => {
    setStep(next);
    setReached((r) => Math.max(r, next));
    setError(null);
    setProblems({});
    setTried(false);
    body.current?.scrollTo(0, 0);
    requestAnimationFrame(() => heading.current?.focus());
  };

  const save = async (at: number, data: WizardData): Promise<Interview> => {
    const id = interview?.id;
    switch (at) {
      case 1: {
        if (!interview || interview.startup.id !== data.startup.id) {
          const created = interviewFrom(
            await post<Interview>('/api/v1/interviews', { startup_id: data.startup.id, contact_id: data.contactId }),
          );
          return created;
        }
        return interviewFrom(await put(`/api/v1/interviews/${id}/contact`, { contact_id: data.contactId }));
      }
      case 2:
        return interviewFrom(
          await put(`/api/v1/interviews/${id}/team`, {
            primary_team_member_id: data.primaryId,
            additional_team_member_ids: data.additionalIds.filter((m) => m !== data.primaryId),
          }),
        );
      case 3: {
        // The contact picks the time: the draft keeps none.
        const booking: Record<string, unknown> = { event_type_id: data.eventTypeId, start_time: data.contactPicks ? null : data.startTime };
        if (data.useCustomDuration) booking.custom_duration_minutes = Number(data.customDuration);
        return interviewFrom(await put(`/api/v1/interviews/${id}/booking`, booking));
      }
      case 4:
        return interviewFrom(
          await put(`/api/v1/interviews/${id}/guests`, {
            guests: data.guests.map((g) =>
              g.contact_id ? { contact_id: g.contact_id } : { name: g.name.trim(), email: g.email.trim(), role: g.role.trim(), company: g.company.trim() },
            ),
          }),
        );
      case 5:
        return interviewFrom(
          await put(`/api/v1/interviews/${id}/details`, {
            prep_notes_markdown: data.notes,
            custom_questions: data.questions.map((q) => q.trim()),
            timezone: data.timezone,
            ...(data.place ? { place: placeBody(data.place) } : {}),
          }),
        );
      default:
        throw new Error('no step to save');
    }
  };

  const blocked = stepProblem(step, data);
  // After Send the interview is booked: the steps are done and no longer editable.
  const locked = interview !== null && interview.status !== 'draft';

  /** Moves the focus to the field a problem concerns (its chosen or first control). */
  const focusField = (field: string) =>
    requestAnimationFrame(() => {
      const root = body.current;
      const target = root?.querySelector<HTMLElement>(`[data-field="${field}"]`) ?? (FIELD_IDS[field] ? document.getElementById(FIELD_IDS[field]) : null);
      if (!target) return;
      const control = target.matches('input, select, textarea')
        ? target
        : target.querySelector<HTMLElement>('input:checked') ?? target.querySelector<HTMLElement>('input:not([disabled]), select, textarea, button:not([disabled])');
      if (control) return control.focus();
      target.tabIndex = -1;
      target.focus();
    });

  const next = async () => {
    if (saving || locked) return;
    setSaving(true);
    setError(null);
    setProblems({});
    try {
      let current = data;
      if (pendingRef.current) {
        const taken = await pendingRef.current(current);
        if (!taken) return;
        current = taken;
        setData(taken);
      }
      const problem = stepProblem(step, current);
      if (problem) {
        setTried(true);
        focusField(problem.field);
        return;
      }
      const saved = await save(step, current);
      // A new draft shows in the interview lists and on its startup's page.
      if (step === 1 && saved.id !== interview?.id) interviewChanged();
      setInterview(saved);
      rememberDraft(data.startup.id, saved.id, step + 1);
      go(step + 1);
    } catch (caught) {
      setError(errorMessage(caught));
      setProblems(caught instanceof ApiError ? caught.fields : {});
    } finally {
      setSaving(false);
    }
  };

  /** Step 6: books the interview in Cal.com; a failure keeps the draft and offers a retry. */
  const send = async () => {
    if (!interview || sending) return;
    setSending(true);
    setSendError(null);
    try {
      const sent = data.contactPicks
        ? await post<Interview>(`/api/v1/interviews/${interview.id}/scheduling-link`, linkRequest(data.link))
        : await post<Interview>(`/api/v1/interviews/${interview.id}/confirm`);
      setInterview(interviewFrom(sent));
      forgetDraft(data.startup.id);
      interviewChanged();
      // The Send button gives way to "Open interview": the focus goes on to it, not to the page.
      requestAnimationFrame(() => document.getElementById('wizard-open')?.focus());
    } catch (caught) {
      setSendError(errorMessage(caught));
      requestAnimationFrame(() => body.current?.querySelector('[role="alert"]')?.scrollIntoView({ block: 'nearest' }));
    } finally {
      setSending(false);
    }
  };

  const back = () => {
    if (step > 1) go(step - 1);
  };

  const title = `Schedule interview with ${data.startup.name}`;
  const shown = tried && !resuming ? blocked : null;
  const holdPending = (check: Pending | null) => {
    pendingRef.current = check;
  };
  const stepProps: StepProps = { data, update, interview, problems, blocked: shown, holdPending };

  return (
    <Dialog titleId="wizard-title" onClose={onClose} size="large">
      <div class="wizard">
        <header class="wizard__header">
          <h2 id="wizard-title">{title}</h2>
          <button type="button" class="icon-button" aria-label="Close" onClick={onClose}>
            <span aria-hidden="true">×</span>
          </button>
        </header>
        <ol class="steps" aria-label="Steps">
          {STEPS.map((label, index) => {
            const number = index + 1;
            // Saved steps are those before the furthest one reached; one visited but not saved is not done.
            const done = locked || (number !== step && number < reached);
            const state = number === step && !locked ? 'current' : done ? 'done' : 'todo';
            const reachable = number !== step && number <= reached && !saving && !locked;
            const content = (
              <>
                <span class="steps__number" aria-hidden="true">{done ? '✓' : number}</span>
                <span class="steps__label">{label}</span>
                {done && <span class="visually-hidden"> (done)</span>}
              </>
            );
            return (
              <li key={label} class={`steps__item steps__item--${state}`} aria-current={number === step ? 'step' : undefined}>
                {reachable ? (
                  <button type="button" class="steps__button" onClick={() => go(number)}>
                    {content}
                    <span class="visually-hidden">, go back to this step</span>
                  </button>
                ) : (
                  <span class="steps__button">{content}</span>
                )}
              </li>
            );
          })}
        </ol>
        <div class="wizard__body" ref={body}>
          <h3 class="wizard__step-title" tabIndex={-1} ref={heading} data-autofocus>
            Step {step} of {STEPS.length}: {STEPS[step - 1]}
          </h3>
          {resuming ? (
            <div class="wizard__loading"><Spinner label="Loading your draft" /> Loading your draft…</div>
          ) : (
            <>
              {error && <ErrorNotice message={error} />}
              {step === 1 && <StepContact {...stepProps} />}
              {step === 2 && <StepTeam {...stepProps} />}
              {step === 3 && <StepBooking {...stepProps} />}
              {step === 4 && <StepGuests {...stepProps} />}
              {step === 5 && <StepDetails {...stepProps} />}
              {step === 6 && interview && (
                <StepConfirm {...stepProps} sendError={sendError} onRetry={() => void send()} />
              )}
            </>
          )}
        </div>
        {step < 6 && (
          <footer class="wizard__footer">
            <button type="button" class="button button--secondary" onClick={back} disabled={step === 1 || saving}>
              Back
            </button>
            <p class="wizard__why" id="wizard-why" aria-live="polite">
              {shown ? shown.message : ''}
            </p>
            <button
              type="button"
              class="button button--primary"
              onClick={() => void next()}
              disabled={saving || resuming}
              aria-describedby={shown ? 'wizard-why' : undefined}
            >
              {saving ? 'Saving…' : 'Next'}
            </button>
          </footer>
        )}
        {step === 6 && interview && (
          <footer class="wizard__footer">
            {!locked && (
              <button type="button" class="button button--secondary" onClick={back} disabled={sending}>
                Back
              </button>
            )}
            {locked ? (
              <button type="button" id="wizard-open" class="button button--primary wizard__main" onClick={() => onDone(interview.id)}>
                Open interview
              </button>
            ) : (
              <button type="button" class="button button--primary wizard__main" onClick={() => void send()} disabled={sending || resuming}>
                {data.contactPicks
                  ? sending ? 'Sending the link…' : `Send the link to ${interview.contact?.name ?? 'the contact'}`
                  : sending ? 'Sending invitation…' : 'Send invitation'}
              </button>
            )}
          </footer>
        )}
      </div>
    </Dialog>
  );
}
