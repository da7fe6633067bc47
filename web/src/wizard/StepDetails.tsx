// Step 5: preparation notes (Markdown), custom questions, the place and the meeting's time zone.
import { useLayoutEffect, useState } from 'preact/hooks';
import { allZones, formatDateTime, minutesLabel, viewerZone, zoneLabel } from '../time';
import { FieldShell, TextField } from '../ui/controls';
import { PlaceFields, placeInputOf } from '../components/PlaceFields';
import { MarkdownEditor } from './MarkdownEditor';
import type { StepProps } from './model';

let zonesCache: { zone: string; label: string }[] | null = null;

export function StepDetails({ data, update, interview, problems, blocked, holdPending }: StepProps) {
  const [question, setQuestion] = useState('');
  const [questionError, setQuestionError] = useState<string | null>(null);
  const zones = (zonesCache ??= allZones().map((zone) => ({ zone, label: zoneLabel(zone) })));
  const zoneOptions = zones.some((z) => z.zone === data.timezone) ? zones : [{ zone: data.timezone, label: data.timezone }, ...zones];

  const addQuestion = () => {
    if (!question.trim()) {
      setQuestionError('Type the question first.');
      return;
    }
    update({ questions: [...data.questions, question.trim()] });
    setQuestion('');
    setQuestionError(null);
  };
  // Next adds a question typed but not added (as steps 1 and 4 do): typed work is not dropped.
  useLayoutEffect(() => {
    holdPending((current) => {
      const typed = question.trim();
      if (!typed) return current;
      setQuestion('');
      return { ...current, questions: [...current.questions, typed] };
    });
    return () => holdPending(null);
  });
  const move = (index: number, by: number) => {
    const next = [...data.questions];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    update({ questions: next });
    requestAnimationFrame(() => document.getElementById(`question-${index + by}-${by < 0 ? 'up' : 'down'}`)?.focus());
  };
  const questionsError = problems.custom_questions ?? (blocked?.field === 'questions' ? blocked.message : null);

  return (
    <div class="step">
      <MarkdownEditor
        id="wizard-notes"
        label="Preparation notes"
        value={data.notes}
        onValue={(notes) => update({ notes })}
        hint="Markdown: **bold**, _italic_, ## headings, - lists and [links](https://…). Use Preview to check."
      />
      {problems.prep_notes_markdown && <p class="field__error">{problems.prep_notes_markdown}</p>}

      <section class="step__section" aria-labelledby="questions-title">
        <h4 id="questions-title">Custom questions</h4>
        {data.questions.length > 0 && (
          <ol class="question-list" aria-label="Custom questions">
            {data.questions.map((text, index) => (
              <li key={index + text} class="question-list__item">
                <span class="question-list__text">{text}</span>
                <span class="question-list__actions">
                  <button type="button" class="tool" id={`question-${index}-up`} aria-label={`Move question ${index + 1} up`} disabled={index === 0} onClick={() => move(index, -1)}>
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button type="button" class="tool" id={`question-${index}-down`} aria-label={`Move question ${index + 1} down`} disabled={index === data.questions.length - 1} onClick={() => move(index, 1)}>
                    <span aria-hidden="true">↓</span>
                  </button>
                  <button type="button" class="tool" aria-label={`Remove question ${index + 1}`} onClick={() => update({ questions: data.questions.filter((_, i) => i !== index) })}>
                    <span aria-hidden="true">×</span>
                  </button>
                </span>
              </li>
            ))}
          </ol>
        )}
        {questionsError && <p class="field__error">{questionsError}</p>}
        <div class="inline-add">
          <TextField
            id="wizard-question"
            label="New question"
            value={question}
            onValue={(value) => { setQuestion(value); setQuestionError(null); }}
            error={questionError}
            placeholder="What would make this a success for you in a year?"
            onKeyDown={(event) => event.key === 'Enter' && (event.preventDefault(), addQuestion())}
          />
          <button type="button" class="button button--secondary" onClick={addQuestion}>Add question</button>
        </div>
      </section>

      <PlaceFields value={data.place ?? placeInputOf(interview?.place)} onChange={(place) => update({ place })} problems={problems} />

      <section class="step__section" aria-labelledby="zone-title">
        <h4 id="zone-title">Time zone and duration</h4>
        <FieldShell id="wizard-timezone" label="Meeting time zone" error={problems.timezone ?? (blocked?.field === 'timezone' ? blocked.message : null)}
          hint={data.timezone === viewerZone ? 'Same as yours.' : `Yours is ${zoneLabel(viewerZone)}.`}>
          <select id="wizard-timezone" value={data.timezone} onChange={(event) => update({ timezone: (event.target as HTMLSelectElement).value })}>
            {zoneOptions.map((z) => <option key={z.zone} value={z.zone}>{z.label}</option>)}
          </select>
        </FieldShell>
        <dl class="facts">
          <dt>Duration</dt>
          <dd>{minutesLabel(interview?.summary?.total_duration_minutes ?? interview?.total_duration_minutes ?? interview?.duration_minutes)}</dd>
          <dt>Starts, meeting time</dt>
          <dd>{interview?.start_time ? formatDateTime(interview.start_time, data.timezone) : '—'}</dd>
          {data.timezone !== viewerZone && (
            <>
              <dt>Starts, your time</dt>
              <dd>{interview?.start_time ? formatDateTime(interview.start_time) : '—'}</dd>
            </>
          )}
        </dl>
      </section>
    </div>
  );
}
