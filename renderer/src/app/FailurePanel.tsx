import type { Failure } from '../state/navigation';

interface FailurePanelProps {
  failure: Failure;
  canReload: boolean;
  canExport: boolean;
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
        Your decisions so far are kept by the engine.{' '}
        {canExport
          ? 'Export the session to keep a copy, or reload the scenario to start it again.'
          : 'Go back to the library to pick a scenario.'}
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
        <button type="button" onClick={onLibrary}>
          Back to the library
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
