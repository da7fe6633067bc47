// Preparation notes: a textarea that holds Markdown, a small toolbar that edits it, and a
// preview rendered by the server (the same renderer that makes prep_notes_html).
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { errorMessage, post } from '../api';
import { ErrorNotice, Spinner } from '../ui/controls';
import { shiftHeadings } from '../ui/text';

type Edit = (text: string, start: number, end: number) => { text: string; start: number; end: number };

function wrap(before: string, after: string, placeholder: string): Edit {
  return (text, start, end) => {
    const selected = text.slice(start, end) || placeholder;
    const next = text.slice(0, start) + before + selected + after + text.slice(end);
    return { text: next, start: start + before.length, end: start + before.length + selected.length };
  };
}

function prefixLines(prefix: (index: number) => string, placeholder: string): Edit {
  return (text, start, end) => {
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = end > start && text[end - 1] === '\n' ? end - 1 : text.indexOf('\n', end) === -1 ? text.length : text.indexOf('\n', end);
    const block = text.slice(lineStart, lineEnd) || placeholder;
    const lines = block.split('\n').map((line, index) => prefix(index) + line.replace(/^(#{1,6} |[-*] |\d+\. )/, ''));
    const replaced = lines.join('\n');
    const next = text.slice(0, lineStart) + replaced + text.slice(lineEnd);
    return { text: next, start: lineStart, end: lineStart + replaced.length };
  };
}

const link: Edit = (text, start, end) => {
  const label = text.slice(start, end) || 'link text';
  const inserted = `[${label}](https://)`;
  const next = text.slice(0, start) + inserted + text.slice(end);
  const urlStart = start + label.length + 3;
  return { text: next, start: urlStart, end: urlStart + 'https://'.length };
};

const LINK_ICON = (
  <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round">
    <path d="M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7" />
    <path d="M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7" />
  </svg>
);

// Drawn, not the text "1.": visible text on a button must be part of its name (aria-label).
const NUMBERED_ICON = (
  <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round">
    <path d="M10 6h11M10 12h11M10 18h11" />
    <path d="M4 4.5l1.5-1v5M3.5 8.5h3" stroke-width="1.6" />
    <path d="M3.5 14.5a1.5 1.5 0 0 1 3 .3c0 1-3 2.2-3 3.7h3" stroke-width="1.6" />
  </svg>
);

const TOOLS: { label: string; shortcut?: string; icon: string | JSX.Element; edit: Edit }[] = [
  { label: 'Bold', shortcut: 'b', icon: 'B', edit: wrap('**', '**', 'bold text') },
  { label: 'Italic', shortcut: 'i', icon: 'I', edit: wrap('_', '_', 'italic text') },
  { label: 'Heading', icon: 'H', edit: prefixLines(() => '## ', 'Heading') },
  { label: 'Bulleted list', icon: '•', edit: prefixLines(() => '- ', 'List item') },
  { label: 'Numbered list', icon: NUMBERED_ICON, edit: prefixLines((i) => `${i + 1}. `, 'List item') },
  { label: 'Link', shortcut: 'k', icon: LINK_ICON, edit: link },
];

/**
 * Applies an edit to the textarea in place and at once, not on the next frame: a key pressed
 * right after the click lands in the textarea on the new selection (the re-render finds the same
 * text there and leaves the selection alone). On the next frame it went to the button and was lost.
 */
function editInPlace(element: HTMLTextAreaElement, edit: Edit): string {
  const result = edit(element.value, element.selectionStart, element.selectionEnd);
  element.value = result.text;
  element.focus();
  element.setSelectionRange(result.start, result.end);
  return result.text;
}

export function MarkdownEditor({ id, label, value, onValue, hint }: {
  id: string; label: string; value: string; onValue: (value: string) => void; hint?: string;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [previewing, setPreviewing] = useState(false);
  const [html, setHtml] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const apply = (edit: Edit) => {
    if (area.current) onValue(editInPlace(area.current, edit));
  };

  const showPreview = async () => {
    setPreviewing(true);
    setLoading(true);
    setError(null);
    try {
      const result = await post<{ html: string }>('/api/v1/markdown/preview', { markdown: value });
      setHtml(result.html);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setLoading(false);
    }
  };

  return (
    <div class="md-editor">
      <div class="md-editor__bar">
        <label for={id} class="md-editor__label">{label} <span class="field__optional">(optional)</span></label>
        <div class="md-editor__tools" role="group" aria-label="Formatting">
          {TOOLS.map((tool) => (
            <button
              type="button"
              key={tool.label}
              class="tool"
              aria-label={tool.label}
              title={tool.shortcut ? `${tool.label} (Ctrl+${tool.shortcut.toUpperCase()})` : tool.label}
              disabled={previewing}
              onClick={() => apply(tool.edit)}
            >
              <span aria-hidden="true" class={`tool__icon tool__icon--${tool.label.toLowerCase().replace(/\s/g, '-')}`}>{tool.icon}</span>
            </button>
          ))}
          <button
            type="button"
            class="tool tool--text"
            aria-pressed={previewing ? 'true' : 'false'}
            onClick={() => (previewing ? setPreviewing(false) : void showPreview())}
          >
            Preview
          </button>
        </div>
      </div>
      <textarea
        id={id}
        ref={area}
        class="md-editor__text"
        hidden={previewing}
        rows={8}
        value={value}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onInput={(event) => onValue((event.target as HTMLTextAreaElement).value)}
        onKeyDown={(event) => {
          if (!(event.ctrlKey || event.metaKey)) return;
          const tool = TOOLS.find((t) => t.shortcut === event.key.toLowerCase());
          if (tool) {
            event.preventDefault();
            apply(tool.edit);
          }
        }}
      />
      {previewing && (
        <div class="md-editor__preview" aria-live="polite" aria-label="Preview of the preparation notes" role="region">
          {loading ? (
            <Spinner label="Rendering preview" />
          ) : error ? (
            <ErrorNotice message={error} onRetry={() => void showPreview()} />
          ) : html ? (
            // Below the step's h3, the notes' own headings start at h4.
            <div class="prose" dangerouslySetInnerHTML={{ __html: shiftHeadings(html, 4) }} />
          ) : (
            <p class="muted">Nothing to preview yet.</p>
          )}
        </div>
      )}
      {hint && <p class="field__hint" id={`${id}-hint`}>{hint}</p>}
    </div>
  );
}
