import { useState, type FormEvent } from 'react';
import { MAX_LABEL_LENGTH } from '../../../../electron/engine/cohort/result-file';
import { Field } from '../../app/Field';

/**
 * On the debrief: saves this session as a result file for the facilitator's cohort view, under
 * a name or team label the learner may type first.
 */
export function SaveResult({ save }: { save: (learner: string) => Promise<string | null> }) {
  const [learner, setLearner] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    const fileName = await save(learner);
    setSaving(false);
    setSaved(fileName);
  };

  return (
    <form
      className="panel save-result"
      aria-labelledby="save-result-title"
      onSubmit={(e) => void onSubmit(e)}
    >
      <h2 id="save-result-title">Share your result</h2>
      <div className="form-row">
        <Field label="Your name or team (optional)">
          <input
            type="text"
            value={learner}
            maxLength={MAX_LABEL_LENGTH}
            autoComplete="off"
            placeholder="for example Team Lima"
            onChange={(e) => setLearner(e.target.value)}
          />
        </Field>
        <button type="submit" disabled={saving}>
          Save result file
        </button>
        <p className="subtle" role="status">
          {saved
            ? `Saved ${saved}. Send it to your facilitator.`
            : 'In a workshop, the facilitator compares everyone’s result files on the Cohort screen.'}
        </p>
      </div>
    </form>
  );
}
