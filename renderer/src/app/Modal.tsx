import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ModalProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  /** Text under the title, read by screen readers as the dialog's description. */
  description?: string;
}

/**
 * A modal dialog on the native <dialog> element: the browser traps focus, Esc closes it, and
 * focus returns to the button that opened it.
 */
export function Modal({ open, title, onClose, children, className, description }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`modal ${className ?? ''}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      onCancel={(e) => {
        // Esc: let React state decide, so the dialog and the state never disagree.
        e.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <header className="modal-head">
            <h2 id={titleId}>{title}</h2>
            <button
              type="button"
              className="icon-button"
              onClick={onClose}
              aria-label={`Close: ${title}`}
            >
              ×
            </button>
          </header>
          {description && (
            <p id={descId} className="modal-desc">
              {description}
            </p>
          )}
          <div className="modal-body">{children}</div>
        </>
      )}
    </dialog>
  );
}

/** Returns whether a modal dialog is open (shortcuts stand down while one is). */
export function isModalOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

/** Returns whether a key event comes from a text field, where letters are typing, not shortcuts. */
export function isTyping(e: KeyboardEvent): boolean {
  const t = e.target;
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable) return true;
  if (t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return true;
  if (t instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit', 'range'].includes(t.type);
  return false;
}
