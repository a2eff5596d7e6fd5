import type { DecisionLogEntry } from '../../../../electron/engine/session-types';
import type { NoteDraft } from '../../state/session';
import { Modal } from '../../app/Modal';
import { formatClock } from '../../lib/format';
import { Field } from '../../app/Field';

interface DecisionNoteDialogProps {
  open: boolean;
  note: NoteDraft;
  saved: boolean;
  saving: boolean;
  decisions: readonly DecisionLogEntry[];
  onEdit: (patch: Partial<Omit<NoteDraft, 'evidenceLinks'>>) => void;
  onToggleEvidence: (seq: number) => void;
  onSave: () => void;
  onClose: () => void;
}

/** Returns a one-line description of an investigation in the decision log. */
export function describeInvestigation(d: DecisionLogEntry): string {
  const c = d.command;
  if (c.type !== 'investigate') return c.type;
  const what = `${c.tool}${c.field ? ` of ${c.field}` : ''}${c.source ? ` for ${c.source}` : ''}`;
  return `${formatClock(d.t)} ${what}`;
}

/**
 * The one-page decision note: the assumption you act on, the evidence (linked to the
 * investigations you ran), the action you chose, and the two assumptions to test.
 */
export function DecisionNoteDialog(p: DecisionNoteDialogProps) {
  const investigations = p.decisions.filter((d) => d.command.type === 'investigate' && d.result.ok);
  return (
    <Modal
      open={p.open}
      onClose={p.onClose}
      title="Decision note"
      className="note-dialog"
      description="One page a colleague can act on: what you assume, what shows it, what you do."
    >
      <form
        className="note-form"
        onSubmit={(e) => {
          e.preventDefault();
          p.onSave();
        }}
      >
        <Field label="Assumption">
          <textarea
            name="assumption"
            rows={2}
            value={p.note.assumption}
            onChange={(e) => p.onEdit({ assumption: e.target.value })}
            placeholder="e.g. Partner amounts are in cents since gateway v4.2; other sources are unaffected."
          />
        </Field>
        <Field label="Evidence">
          <textarea
            name="evidence"
            rows={3}
            value={p.note.evidence}
            onChange={(e) => p.onEdit({ evidence: e.target.value })}
            placeholder="What the monitors and your investigations showed, with times."
          />
        </Field>
        <fieldset>
          <legend>Link investigations you ran as evidence</legend>
          {investigations.length === 0 ? (
            <p className="subtle">
              No investigations yet. Open the investigations drawer (I) to run one.
            </p>
          ) : (
            <ul className="evidence-links">
              {investigations.map((d) => (
                <li key={d.seq}>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={p.note.evidenceLinks.includes(d.seq)}
                      onChange={() => p.onToggleEvidence(d.seq)}
                    />
                    <span>
                      <span className="mono">#{d.seq}</span> {describeInvestigation(d)}
                      {d.result.ok && <span className="subtle"> — {d.result.message}</span>}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        <Field label="Chosen action">
          <textarea
            name="action"
            rows={2}
            value={p.note.action}
            onChange={(e) => p.onEdit({ action: e.target.value })}
            placeholder="The smallest change that stops the harm, and who else needs to act."
          />
        </Field>
        <fieldset className="checks">
          <legend>Assumptions to test</legend>
          <label className="checkbox">
            <input
              type="checkbox"
              name="latencyBudgetKnown"
              checked={p.note.latencyBudgetKnown}
              onChange={(e) => p.onEdit({ latencyBudgetKnown: e.target.checked })}
            />
            <span>Is the latency budget known?</span>
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              name="costsMeasured"
              checked={p.note.costsMeasured}
              onChange={(e) => p.onEdit({ costsMeasured: e.target.checked })}
            />
            <span>Are costs measured?</span>
          </label>
        </fieldset>
        <div className="button-row end">
          <span className="subtle" role="status">
            {p.saving ? 'Saving…' : p.saved ? 'Saved to the decision log.' : 'Not saved yet.'}
          </span>
          <button type="button" onClick={p.onClose}>
            Close
          </button>
          <button type="submit" className="primary" disabled={p.saving}>
            Save the note
          </button>
        </div>
      </form>
    </Modal>
  );
}
