import { memo, useState } from 'react';
import { Field } from '../../app/Field';

interface WrapUpPanelProps {
  rootCauses: readonly string[];
  diagnosis: string | null;
  noteSaved: boolean;
  disabled: boolean;
  onDiagnose: (rootCause: string) => void;
  onOpenNote: () => void;
  onResolve: () => void;
}

/** Returns a root-cause id as words: "schema-change" → "schema change". */
export function rootCauseLabel(id: string): string {
  return id.replace(/-/g, ' ');
}

/** Diagnosis picker, decision note and Resolve: how a shift ends. */
function WrapUpPanelImpl({
  rootCauses,
  diagnosis,
  noteSaved,
  disabled,
  onDiagnose,
  onOpenNote,
  onResolve,
}: WrapUpPanelProps) {
  const [choice, setChoice] = useState(diagnosis ?? '');
  return (
    <section className="panel wrap-up" aria-labelledby="wrap-title">
      <h2 id="wrap-title">Decide</h2>
      <form
        className="form-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (choice) onDiagnose(choice);
        }}
      >
        <Field label="Root cause">
          <select value={choice} onChange={(e) => setChoice(e.target.value)} name="rootCause">
            <option value="">Choose a diagnosis…</option>
            {rootCauses.map((r) => (
              <option key={r} value={r}>
                {rootCauseLabel(r)}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" disabled={!choice || disabled}>
          Record diagnosis
        </button>
      </form>
      <p className="subtle">
        {diagnosis
          ? `Recorded diagnosis: ${rootCauseLabel(diagnosis)}.`
          : 'No diagnosis recorded yet.'}
      </p>
      <div className="button-row">
        <button type="button" onClick={onOpenNote} aria-keyshortcuts="d">
          Decision note… <kbd>D</kbd>
        </button>
        <span className="subtle">{noteSaved ? 'Note saved.' : 'Note not saved yet.'}</span>
      </div>
      <button type="button" className="primary big resolve" onClick={onResolve} disabled={disabled}>
        Resolve the incident…
      </button>
    </section>
  );
}

export const WrapUpPanel = memo(WrapUpPanelImpl);
