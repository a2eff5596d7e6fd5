import { useId, type Dispatch, type FormEvent, type ReactNode } from 'react';
import type {
  CatalogueParam,
  FacilitatorTruth,
  InjectRequest,
} from '../../../../electron/engine/host/facilitator';
import type { FacilitatorAction, FacilitatorState, InjectDraft } from '../../state/facilitator';
import { formatClock } from '../../lib/format';
import { requestFrom, visibleParams } from './inject-form';

interface InjectFormProps {
  truth: FacilitatorTruth;
  draft: InjectDraft;
  inject: FacilitatorState['inject'];
  disabled: boolean;
  dispatch: Dispatch<FacilitatorAction>;
  onInject: (request: InjectRequest) => void;
}

const SHAPES: { value: InjectDraft['shape']; label: string }[] = [
  { value: 'sudden', label: 'Sudden: full strength at once' },
  { value: 'ramp', label: 'Gradual: ramps up' },
  { value: 'intermittent', label: 'Intermittent: on and off every 30 min' },
];

/** One labelled input with its help and, when the host refused it, the reason. */
function Row({
  id,
  label,
  help,
  error,
  wide,
  children,
}: {
  id: string;
  label: string;
  help?: string;
  error?: string;
  wide?: boolean;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}) {
  const ids = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' has-error' : ''}${wide ? ' field-wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(ids || undefined, error !== undefined)}
      {help && (
        <span className="field-help" id={`${id}-help`}>
          {help}
        </span>
      )}
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}

/** Inject a fault live, from the catalogue of fault families, with the scenario's defaults. */
export function InjectForm({
  truth,
  draft,
  inject,
  disabled,
  dispatch,
  onInject,
}: InjectFormProps) {
  const base = useId();
  const entry = truth.catalogue.find((e) => e.type === draft.type) ?? truth.catalogue[0];
  const errorOf = (key: string): string | undefined =>
    inject.problems.find((p) => p.key === key)?.message;
  const shownKeys = new Set([
    'type',
    'id',
    'source',
    'shape',
    'rampMinutes',
    'startsInMinutes',
    'lastsMinutes',
    'description',
    ...visibleParams(entry, draft.values).map((p) => p.key),
  ]);
  // Problems with no input on screen to point at are listed above the button.
  const general = inject.problems.filter((p) => p.key === null || !shownKeys.has(p.key));
  const edit = (patch: Partial<Omit<InjectDraft, 'type' | 'values'>>) =>
    dispatch({ type: 'draft-edited', patch });
  const injectedSoFar = truth.faults.filter((f) => f.injected).length;
  const startsIn = Number(draft.startsInMinutes);
  const startLabel =
    Number.isFinite(startsIn) && startsIn > 0
      ? `Inject to start at ${formatClock(truth.now + startsIn * 60_000)}`
      : 'Inject now';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const built = requestFrom(draft, entry);
    if (!built.ok) {
      dispatch({ type: 'inject-finished', result: { ok: false, problems: built.problems } });
      return;
    }
    onInject(built.request);
  };

  const param = (p: CatalogueParam) => {
    const id = `${base}-${p.key}`;
    const value = draft.values[p.key] ?? '';
    const onChange = (v: string) => dispatch({ type: 'value-edited', key: p.key, value: v });
    const label = p.unit ? `${p.label} (${p.unit})` : p.label;
    return (
      <Row key={p.key} id={id} label={label} help={p.help} error={errorOf(p.key)}>
        {(describedBy, invalid) =>
          p.kind === 'choice' ? (
            <select
              id={id}
              value={value}
              onChange={(e) => onChange(e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            >
              {p.options?.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={id}
              type={p.kind === 'number' ? 'number' : 'text'}
              inputMode={p.kind === 'number' ? 'decimal' : undefined}
              value={value}
              min={p.min}
              max={p.max}
              step={p.kind === 'number' ? (p.step ?? 'any') : undefined}
              onChange={(e) => onChange(e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
          )
        }
      </Row>
    );
  };

  return (
    <form className="inject-form" onSubmit={submit} noValidate aria-describedby={`${base}-about`}>
      <p className="subtle" id={`${base}-about`}>
        The fault joins the session at the time you choose and is recorded in it: the learners see
        only its effects, and the debrief lists it as injected live by the facilitator.
      </p>
      <div className="inject-grid">
        <Row id={`${base}-type`} label="Fault family" help={entry.summary} error={errorOf('type')}>
          {(describedBy, invalid) => (
            <select
              id={`${base}-type`}
              value={draft.type}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(e) => {
                const next = truth.catalogue.find((c) => c.type === e.target.value);
                if (next) dispatch({ type: 'family-chosen', entry: next, injectedSoFar });
              }}
            >
              {truth.catalogue.map((c) => (
                <option key={c.type} value={c.type}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </Row>
        <Row
          id={`${base}-id`}
          label="Name"
          help="Letters, digits, dashes; unique in the session."
          error={errorOf('id')}
        >
          {(describedBy, invalid) => (
            <input
              id={`${base}-id`}
              type="text"
              value={draft.id}
              onChange={(e) => edit({ id: e.target.value })}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Row>
        {visibleParams(entry, draft.values).map(param)}
        <Row id={`${base}-source`} label="Traffic affected" error={errorOf('source')}>
          {(describedBy, invalid) => (
            <select
              id={`${base}-source`}
              value={draft.source}
              onChange={(e) => edit({ source: e.target.value })}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            >
              <option value="">All sources</option>
              {truth.sources.map((s) => (
                <option key={s} value={s}>
                  Only {s}
                </option>
              ))}
            </select>
          )}
        </Row>
        <Row id={`${base}-shape`} label="How it starts" error={errorOf('shape')}>
          {(describedBy, invalid) => (
            <select
              id={`${base}-shape`}
              value={draft.shape}
              onChange={(e) => edit({ shape: e.target.value as InjectDraft['shape'] })}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            >
              {SHAPES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </Row>
        {draft.shape === 'ramp' && (
          <Row id={`${base}-ramp`} label="Ramp up over (minutes)" error={errorOf('rampMinutes')}>
            {(describedBy, invalid) => (
              <input
                id={`${base}-ramp`}
                type="number"
                min={1}
                step="any"
                value={draft.rampMinutes}
                onChange={(e) => edit({ rampMinutes: e.target.value })}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
              />
            )}
          </Row>
        )}
        <Row
          id={`${base}-starts`}
          label="Starts in (minutes from now)"
          help="0 starts it at once."
          error={errorOf('startsInMinutes')}
        >
          {(describedBy, invalid) => (
            <input
              id={`${base}-starts`}
              type="number"
              min={0}
              step="any"
              value={draft.startsInMinutes}
              onChange={(e) => edit({ startsInMinutes: e.target.value })}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
          )}
        </Row>
        <Row
          id={`${base}-lasts`}
          label="Lasts (minutes)"
          help="Leave empty: until the end, or until the team fixes it."
          error={errorOf('lastsMinutes')}
        >
          {(describedBy, invalid) => (
            <input
              id={`${base}-lasts`}
              type="number"
              min={1}
              step="any"
              value={draft.lastsMinutes}
              onChange={(e) => edit({ lastsMinutes: e.target.value })}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
          )}
        </Row>
        <Row
          id={`${base}-description`}
          label="Note for the debrief (optional)"
          error={errorOf('description')}
          help="What the learners should find, in a sentence."
          wide
        >
          {(describedBy, invalid) => (
            <input
              id={`${base}-description`}
              type="text"
              value={draft.description}
              onChange={(e) => edit({ description: e.target.value })}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
          )}
        </Row>
      </div>
      {general.length > 0 && (
        <ul className="inject-problems" role="alert">
          {general.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      )}
      {inject.status === 'refused' && general.length === 0 && inject.problems.length > 0 && (
        <p className="inject-problems" role="alert">
          The fault was not injected: correct the marked inputs.
        </p>
      )}
      <div className="button-row">
        <button
          type="submit"
          className="primary"
          disabled={disabled || inject.status === 'sending'}
        >
          {inject.status === 'sending' ? 'Injecting…' : startLabel}
        </button>
        <span role="status" className="inject-status">
          {inject.status === 'injected' && inject.message}
        </span>
      </div>
    </form>
  );
}
