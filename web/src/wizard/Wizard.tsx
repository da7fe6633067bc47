// The six-step "Schedule interview" dialog. Each Next saves its step to the draft interview on
// the server; reopening it for a startup with a draft of the person's offers to resume that
// draft or start over (ResumeDraft), and the step last reached is remembered per startup.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, del, errorMessage, get, post, put, query, type DraftList, type DraftRow, type Interview } from '../api';
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
import { ResumeDraft } from './ResumeDraft';
import { DraftTitle, titleProblem } from './DraftTitle';
import { placeBody } from '../components/PlaceFields';

/** Fields a step cannot mark with data-field (their own element ids). */
const FIELD_IDS: Record<string, string> = {
  title: 'wizard-title-field', duration: 'wizard-duration', questions: 'wizard-question', timezone: 'wizard-timezone',
  link_window: 'link_window', link_notice: 'link_notice', link_change: 'link_change',
};

interface WizardProps {
  startup: { id: number; name: string };
  /** A draft to continue at once (from the drafts list), instead of offering the latest. */
  resumeId?: number;
  onClose: () => void;
  onDone: (interviewId: number) => void;
}

export function Wizard({ startup, resumeId, onClose, onDone }: WizardProps) {
  const [data, setData] = useState<WizardData>(() => emptyData(startup));
  const [interview, setInterview] = useState<Interview | null>(null);
  const [step, setStep] = useState(1);
  const [reached, setReached] = useState(1);
  // Until the person's drafts of this startup are known, nothing can be typed into a step.
  const [resuming, setResuming] = useState(true);
  const [offer, setOffer] = useState<{ draft: DraftRow; total: number } | null>(null);
  const [offerBusy, setOfferBusy] = useState(false);
  const [offerError, setOfferError] = useState<string | null>(null);
  // The title as typed in step 1; null while untouched (the draft's own is shown).
  const [typedTitle, setTypedTitle] = useState<string | null>(null);
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

  const resume = async (draftId: number) => {
    setOfferBusy(true);
    setOfferError(null);
    try {
      // Read into the wizard's own state to be edited, not shown from the cache.
      const draft = await get<Interview>(`/api/v1/interviews/${draftId}`);
      if (draft.status !== 'draft') {
        // Sent meanwhile (another tab): nothing to resume; a new one starts here.
        forgetDraft(startup.id);
        setOffer(null);
        return;
      }
      const remembered = rememberedDraft(startup.id);
      const reachedBefore = remembered?.id === draftId ? remembered.step : undefined;
      setInterview(draft);
      const at = resumeStep(draft, reachedBefore);
      setData(dataFromInterview(draft, (reachedBefore ?? 0) > 5));
      setOffer(null);
      go(at);
      setReached(Math.max(at, reachedBefore ?? at));
    } catch (caught) {
      // Said in the offer, or in the step when the draft was asked for by the drafts list.
      setOfferError(`The draft could not be loaded: ${errorMessage(caught)}`);
      setError(`The draft could not be loaded: ${errorMessage(caught)}`);
    } finally {
      setOfferBusy(false);
    }
  };

  /** Start over: the old draft is discarded (the person confirmed), and step 1 starts empty. */
  const startOver = async (draftId: number) => {
    setOfferBusy(true);
    setOfferError(null);
    try {
      await del(`/api/v1/interviews/${draftId}`);
      forgetDraft(startup.id);
      interviewChanged();
      setOffer(null);
      go(1);
    } catch (caught) {
      setOfferError(`The draft could not be discarded: ${errorMessage(caught)}`);
    } finally {
      setOfferBusy(false);
    }
  };

  // The person's latest draft of this startup, if any, is offered to resume.
  useEffect(() => {
    if (resumeId) {
      void resume(resumeId).finally(() => setResuming(false));
      return;
    }
    let live = true;
    get<DraftList>(`/api/v1/drafts${query({ startup_id: startup.id, limit: 1 })}`)
      .then((list) => {
        if (!live) return;
        const latest = list.items[0];
        if (latest) setOffer({ draft: latest, total: list.total });
        else forgetDraft(startup.id);
      })
      .catch((caught) => live && setError(`Your drafts could not be checked: ${errorMessage(caught)}`))
      .finally(() => live && setResuming(false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per opening: resume() reads the state it sets
  }, [startup.id, resumeId]);

  const save = async (at: number, data: WizardData): Promise<Interview> => {
    const id = interview?.id;
    switch (at) {
      case 1: {
        const typed = typedTitle?.trim() ?? '';
        if (!interview || interview.startup.id !== data.startup.id) {
          const created = interviewFrom(
            await post<Interview>('/api/v1/interviews', {
              startup_id: data.startup.id, contact_id: data.contactId, ...(typed ? { title: typed } : {}),
            }),
          );
          return created;
        }
        const moved = interviewFrom(await put(`/api/v1/interviews/${id}/contact`, { contact_id: data.contactId }));
        // Typed and different: the person's title. Emptied: back to the default.
        if (typedTitle === null || typed === moved.title) return moved;
        return interviewFrom(await put(`/api/v1/interviews/${id}/title`, { title: typed }));
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
      const problem = stepProblem(step, current) ?? (step === 1 && typedTitle !== null && titleProblem(typedTitle) ? { field: 'title', message: titleProblem(typedTitle)! } : null);
      if (problem) {
        setTried(true);
        focusField(problem.field);
        return;
      }
      const saved = await save(step, current);
      // A new draft shows in the interview lists and on its startup's page.
      if (step === 1 && saved.id !== interview?.id) interviewChanged();
      if (step === 1) setTypedTitle(null);
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
          {offer ? (
            <ResumeDraft
              draft={offer.draft}
              total={offer.total}
              busy={offerBusy}
              error={offerError}
              onResume={() => void resume(offer.draft.id)}
              onStartOver={() => void startOver(offer.draft.id)}
            />
          ) : (
            <h3 class="wizard__step-title" tabIndex={-1} ref={heading} data-autofocus>
              Step {step} of {STEPS.length}: {STEPS[step - 1]}
            </h3>
          )}
          {offer ? null : resuming ? (
            <div class="wizard__loading"><Spinner label="Looking for your drafts" /> Looking for your drafts…</div>
          ) : (
            <>
              {error && <ErrorNotice message={error} />}
              {step === 1 && <StepContact {...stepProps} />}
              {step === 1 && (
                <DraftTitle
                  startup={data.startup}
                  contactId={data.contactId}
                  value={typedTitle}
                  saved={interview?.title ?? null}
                  onValue={setTypedTitle}
                  error={problems.title ?? (shown?.field === 'title' ? shown.message : null)}
                />
              )}
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
        {step < 6 && !offer && (
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
