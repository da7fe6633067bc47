// Form controls and small building blocks used on every page.
import type { ComponentChildren, InputHTMLAttributes, Ref, SelectHTMLAttributes, TextareaHTMLAttributes } from 'preact';

let nextId = 0;
export function uid(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

interface FieldShellProps {
  id: string;
  label: string;
  error?: string | null;
  hint?: ComponentChildren;
  children: ComponentChildren;
  optional?: boolean;
}

/** A label, the control, then the hint or the problem with it; the problem is announced. */
export function FieldShell({ id, label, error, hint, children, optional }: FieldShellProps) {
  return (
    <div class={`field${error ? ' field--invalid' : ''}`}>
      <label for={id}>
        {label}
        {optional && <span class="field__optional"> (optional)</span>}
      </label>
      {children}
      {error ? (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : hint ? (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'label' | 'onInput' | 'value'> & {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | null;
  hint?: ComponentChildren;
  optional?: boolean;
  inputRef?: Ref<HTMLInputElement>;
};

export function TextField({ id, label, value, onValue, error, hint, optional, inputRef, ...rest }: InputProps) {
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} optional={optional}>
      <input
        id={id}
        ref={inputRef}
        value={value}
        onInput={(event) => onValue((event.target as HTMLInputElement).value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        {...rest}
      />
    </FieldShell>
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'label' | 'onInput' | 'value'> & {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | null;
  hint?: ComponentChildren;
  optional?: boolean;
  textareaRef?: Ref<HTMLTextAreaElement>;
};

export function TextAreaField({ id, label, value, onValue, error, hint, optional, textareaRef, ...rest }: TextAreaProps) {
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} optional={optional}>
      <textarea
        id={id}
        ref={textareaRef}
        value={value}
        onInput={(event) => onValue((event.target as HTMLTextAreaElement).value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        {...rest}
      />
    </FieldShell>
  );
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'label' | 'onChange' | 'value'> & {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  options: { value: string; label: string }[];
  error?: string | null;
  hint?: ComponentChildren;
};

export function SelectField({ id, label, value, onValue, options, error, hint, ...rest }: SelectProps) {
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <select
        id={id}
        value={value}
        onChange={(event) => onValue((event.target as HTMLSelectElement).value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        {...rest}
      >
        {options.map((option) => (
          <option value={option.value} key={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return (
    <span class="spinner" role="status">
      <span class="spinner__circle" aria-hidden="true" />
      <span class="visually-hidden">{label}</span>
    </span>
  );
}

/** Grey rows where a list will be, while it loads. */
export function SkeletonList({ rows = 4 }: { rows?: number }) {
  return (
    <div class="skeleton-list" aria-hidden="true">
      {Array.from({ length: rows }, (_, i) => (
        <div class="skeleton" key={i} />
      ))}
    </div>
  );
}

/** A plain-words problem, announced to screen readers, with an optional retry. */
export function ErrorNotice({ message, onRetry, title }: { message: string; onRetry?: () => void; title?: string }) {
  return (
    <div class="notice notice--error" role="alert">
      <div>
        {title && <strong class="notice__title">{title}</strong>}
        <p>{message}</p>
      </div>
      {onRetry && (
        <button type="button" class="button button--secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'success' | 'warning'; children: ComponentChildren }) {
  return <div class={`notice notice--${kind}`} role="status">{children}</div>;
}

export function EmptyState({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

const STATUS_LABELS: Record<string, string> = {
  draft: 'Draft', awaiting_contact: 'Waiting for contact', scheduled: 'Scheduled', awaiting_host: 'Awaiting host', confirmed: 'Confirmed',
  reschedule_requested: 'New time needed', completed: 'Completed', cancelled: 'Cancelled',
  pending: 'Pending', sent: 'Sent', active: 'Active', inactive: 'Inactive',
};

export function Badge({ status, label }: { status: string; label?: string }) {
  return <span class={`badge badge--${status}`}>{label ?? STATUS_LABELS[status] ?? status}</span>;
}

/** Reasonable email check while typing; the server has the final word. */
export function emailProblem(value: string): string | null {
  const text = value.trim();
  if (!text) return 'Enter an email address.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) return 'Enter a valid email address, like name@example.com.';
  return null;
}
