/**
 * Progress for anything slow (loading, scoring). It fades in after 400 ms through CSS, so quick
 * operations do not flash it, and it is announced politely to screen readers.
 */
export function BusyIndicator({ label }: { label: string }) {
  return (
    <div className="busy" role="status" aria-live="polite">
      <div className="busy-bar" aria-hidden="true" />
      <span className="busy-label">
        <span className="spinner" aria-hidden="true" />
        {label}
      </span>
    </div>
  );
}
