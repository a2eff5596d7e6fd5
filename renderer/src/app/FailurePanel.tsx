import type { Failure } from '../state/navigation';

interface FailurePanelProps {
  failure: Failure;
  canReload: boolean;
  canExport: boolean;
  /** Whether the library is already on screen (then "Back to the library" is left out). */
  onLibraryScreen?: boolean;
  onReload: () => void;
  onExport: () => void;
  onLibrary: () => void;
  onDismiss?: () => void;
}

/** What failed and the ways on: never a blank window. */
export function FailurePanel({
  failure,
  canReload,
  canExport,
  onLibraryScreen = false,
  onReload,
  onExport,
  onLibrary,
  onDismiss,
}: FailurePanelProps) {
  return (
    <section className="failure" role="alert" aria-labelledby="failure-title">
      <h2 id="failure-title">{failure.what} failed</h2>
      <p className="failure-message">{failure.message}</p>
      <p>
        {canExport
          ? 'Export the session so far to keep your decisions, then reload the scenario to start it again.'
          : 'If the engine itself stopped, reloading the window starts it again.'}
      </p>
      <div className="button-row">
        {canReload && (
          <button type="button" className="primary" onClick={onReload}>
            Reload the scenario
          </button>
        )}
        {canExport && (
          <button type="button" onClick={onExport}>
            Export the session so far
          </button>
        )}
        {!onLibraryScreen && (
          <button type="button" onClick={onLibrary}>
            Back to the library
          </button>
        )}
        <button type="button" onClick={() => window.location.reload()}>
          Reload the window
        </button>
        {onDismiss && (
          <button type="button" className="quiet" onClick={onDismiss}>
            Dismiss
          </button>
        )}
      </div>
      <details>
        <summary>Technical detail</summary>
        <pre className="failure-detail">{failure.detail}</pre>
      </details>
    </section>
  );
}
