// A modal dialog on the native <dialog> (top layer, rest of the page inert) with an explicit
// focus trap, Escape to close, and focus returned to where it was. On opening, the focus goes to
// the title (or to what is marked data-autofocus, such as the wizard's step heading): a screen
// reader says what opened before any control, and Tab goes on to the first one.
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function focusableIn(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (element) => element.offsetParent !== null || element === document.activeElement,
  );
}

interface DialogProps {
  titleId: string;
  onClose: () => void;
  children: ComponentChildren;
  size?: 'small' | 'large';
  describedBy?: string;
}

export function Dialog({ titleId, onClose, children, size = 'small', describedBy }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  // The latest onClose, for the listeners set up once when the dialog opens.
  const closeRef = useRef(onClose);
  useLayoutEffect(() => {
    closeRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    const title = document.getElementById(titleId);
    const first = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? (title && dialog.contains(title) ? title : focusableIn(dialog)[0]);
    if (first === title && title && !title.hasAttribute('tabindex')) title.tabIndex = -1;
    first?.focus();
    document.body.classList.add('has-modal');
    return () => {
      document.body.classList.remove('has-modal');
      if (dialog.open) dialog.close();
      if (opener && document.contains(opener)) opener.focus();
    };
    // Once, on opening: the title id of a dialog does not change while it is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      closeRef.current();
      return;
    }
    if (event.key !== 'Tab') return;
    const items = focusableIn(ref.current!);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !ref.current!.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !ref.current!.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      class={`dialog dialog--${size}`}
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        closeRef.current();
      }}
    >
      {children}
    </dialog>
  );
}
