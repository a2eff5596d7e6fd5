import { useState, type FormEvent, type ReactNode } from 'react';
import type { Command } from '../../../../electron/engine/commands';
import type { SessionSnapshot } from '../../../../electron/engine/host/session-snapshot';
import { Modal } from '../../app/Modal';
import { FALLBACK_CHOICES, PATTERN_CHOICES } from '../../lib/choices';
import { formatClock } from '../../lib/format';
import { Field } from '../../app/Field';

export type ActionKind =
  | 'rollback'
  | 'revert-change'
  | 'set-fallback'
  | 'pause'
  | 'resume'
  | 'set-limits'
  | 'patch-mapping'
  | 'retrain'
  | 'scale'
  | 'set-serving-pattern'
  | 'escalate'
  | 'rebaseline'
  | 'deploy';

export interface ServiceFacts {
  fields: readonly { name: string; type: string; unit: string }[];
  sources: readonly string[];
  teams: readonly string[];
}

interface ActionDialogProps {
  kind: ActionKind | null;
  snapshot: SessionSnapshot;
  facts: ServiceFacts;
  /** Preset for the deploy form (from the release panel). */
  deployPreset?: { version?: string; mode?: 'shadow' | 'canary' | 'full' };
  onSubmit: (command: Command) => void;
  onClose: () => void;
}

const TITLES: Record<ActionKind, string> = {
  rollback: 'Roll back the model',
  'revert-change': 'Revert a change',
  'set-fallback': 'Set the fallback',
  pause: 'Pause the feature',
  resume: 'Resume the feature',
  'set-limits': 'Set serving limits',
  'patch-mapping': 'Patch a field mapping',
  retrain: 'Retrain the model',
  scale: 'Scale the service',
  'set-serving-pattern': 'Change the serving pattern',
  escalate: 'Escalate to another team',
  rebaseline: 'Re-fix the monitoring reference',
  deploy: 'Deploy a model version',
};

const HOUR = 3_600_000;

function Warning({ children }: { children: ReactNode }) {
  return (
    <div className="warning-box" role="note">
      <b>This is disruptive.</b> {children}
    </div>
  );
}

/**
 * One dialog per mitigation: the form for its parameters and, for disruptive actions (pause,
 * rollback, full deploy, retrain), a plain statement of what it will do before you confirm.
 */
export function ActionDialog({
  kind,
  snapshot,
  facts,
  deployPreset,
  onSubmit,
  onClose,
}: ActionDialogProps) {
  return (
    <Modal
      open={kind !== null}
      onClose={onClose}
      title={kind ? TITLES[kind] : ''}
      className="action-dialog"
    >
      {kind && (
        <ActionForm
          key={kind}
          kind={kind}
          snapshot={snapshot}
          facts={facts}
          deployPreset={deployPreset}
          onSubmit={onSubmit}
          onClose={onClose}
        />
      )}
    </Modal>
  );
}

function ActionForm({
  kind,
  snapshot,
  facts,
  deployPreset,
  onSubmit,
  onClose,
}: ActionDialogProps & { kind: ActionKind }) {
  const cfg = snapshot.config;
  const others = snapshot.versions.filter(
    (v) => v.version !== cfg.serving && v.availableAt <= snapshot.now,
  );
  const revertible = snapshot.changeLog.filter((c) => c.revertible);
  const [version, setVersion] = useState(deployPreset?.version ?? others[0]?.version ?? '');
  const [changeId, setChangeId] = useState(revertible[0]?.id ?? '');
  const [fallback, setFallback] = useState(cfg.fallback);
  const [pattern, setPattern] = useState(cfg.servingPattern);
  const [timeoutMs, setTimeoutMs] = useState(String(cfg.timeoutMs));
  const [retryMax, setRetryMax] = useState(String(cfg.retryMax));
  const [retrievalK, setRetrievalK] = useState(String(cfg.retrievalK));
  const [promptCap, setPromptCap] = useState(
    cfg.promptCapTokens === null ? '' : String(cfg.promptCapTokens),
  );
  const [costCap, setCostCap] = useState(
    cfg.costCapUsdPerHour === null ? '' : String(cfg.costCapUsdPerHour),
  );
  const [field, setField] = useState(facts.fields[0]?.name ?? '');
  const [source, setSource] = useState('');
  const [fromName, setFromName] = useState('');
  const [factor, setFactor] = useState('');
  const [fromH, setFromH] = useState(String(Math.max(0, Math.floor(snapshot.now / HOUR) - 4)));
  const [toH, setToH] = useState(String(Math.floor((snapshot.now / HOUR) * 4) / 4));
  const [replicas, setReplicas] = useState(String(cfg.replicas + 1));
  const [team, setTeam] = useState(facts.teams[0] ?? '');
  const [message, setMessage] = useState('');
  const [mode, setMode] = useState<'shadow' | 'canary' | 'full'>(deployPreset?.mode ?? 'shadow');
  const [share, setShare] = useState('10');
  const [error, setError] = useState<string | null>(null);

  const num = (text: string) => (text.trim() === '' ? undefined : Number(text));

  const build = (): Command | string => {
    switch (kind) {
      case 'rollback':
        return version
          ? { type: 'rollback', version }
          : 'There is no other version to roll back to.';
      case 'revert-change':
        return changeId
          ? { type: 'revert-change', changeId }
          : 'No change so far can be reverted from here.';
      case 'set-fallback':
        return { type: 'set-fallback', mode: fallback };
      case 'pause':
        return { type: 'pause', paused: true };
      case 'resume':
        return { type: 'pause', paused: false };
      case 'set-serving-pattern':
        return { type: 'set-serving-pattern', pattern };
      case 'set-limits': {
        const t = num(timeoutMs);
        const r = num(retryMax);
        const k = num(retrievalK);
        const p = num(promptCap);
        const c = num(costCap);
        if ([t, r, k, p, c].some((v) => v !== undefined && (!Number.isFinite(v) || v < 0)))
          return 'Limits must be positive numbers.';
        return {
          type: 'set-limits',
          ...(t !== undefined && t !== cfg.timeoutMs ? { timeoutMs: t } : {}),
          ...(r !== undefined && r !== cfg.retryMax ? { retryMax: Math.round(r) } : {}),
          ...(k !== undefined && k !== cfg.retrievalK ? { retrievalK: Math.round(k) } : {}),
          ...(p !== cfg.promptCapTokens && !(p === undefined && cfg.promptCapTokens === null)
            ? { promptCapTokens: p === undefined ? null : Math.round(p) }
            : {}),
          ...(c !== cfg.costCapUsdPerHour && !(c === undefined && cfg.costCapUsdPerHour === null)
            ? { costCapUsdPerHour: c === undefined ? null : c }
            : {}),
        };
      }
      case 'patch-mapping': {
        const f = num(factor);
        if (f !== undefined && (!Number.isFinite(f) || f === 0))
          return 'The unit factor must be a non-zero number, such as 0.01 for cents to dollars.';
        if (f === undefined && fromName.trim() === '')
          return 'Give a unit factor, the field’s new name, or both.';
        return {
          type: 'patch-mapping',
          field,
          ...(source ? { source } : {}),
          ...(fromName.trim() ? { from: fromName.trim() } : {}),
          ...(f !== undefined ? { factor: f } : {}),
        };
      }
      case 'retrain': {
        const from = Number(fromH) * HOUR;
        const to = Number(toH) * HOUR;
        if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from)
          return 'The training window must end after it starts.';
        if (to > snapshot.now)
          return `The window cannot end after now (${formatClock(snapshot.now)}).`;
        return { type: 'retrain', from, to };
      }
      case 'scale': {
        const n = Number(replicas);
        return Number.isInteger(n) && n >= 1
          ? { type: 'scale', replicas: n }
          : 'Replicas must be a whole number of at least 1.';
      }
      case 'escalate':
        return team ? { type: 'escalate', team, message } : 'Pick a team.';
      case 'rebaseline':
        return { type: 'rebaseline' };
      case 'deploy': {
        if (!version) return 'There is no version to deploy.';
        const s = Number(share) / 100;
        if (mode === 'canary' && !(s > 0 && s <= 1))
          return 'The canary share must be between 1 and 100%.';
        return {
          type: 'deploy',
          version,
          mode,
          ...(mode === 'canary' ? { share: s } : {}),
          ...(mode !== 'full' && source ? { source } : {}),
        };
      }
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const command = build();
    if (typeof command === 'string') {
      setError(command);
      return;
    }
    onSubmit(command);
    onClose();
  };

  const sourceSelect = (label: string) => (
    <Field label={<>{label}</>}>
      <select value={source} onChange={(e) => setSource(e.target.value)} name="source">
        <option value="">All sources</option>
        {facts.sources.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </Field>
  );

  let body: ReactNode;
  let confirm = 'Apply';
  let danger = false;
  switch (kind) {
    case 'rollback':
      danger = true;
      confirm = version ? `Roll back to ${version}` : 'Roll back';
      body = (
        <>
          <Field label="Version">
            <select value={version} onChange={(e) => setVersion(e.target.value)} name="version">
              {others.map((v) => (
                <option key={v.version} value={v.version}>
                  {v.version} — {v.description}
                </option>
              ))}
            </select>
          </Field>
          <Warning>
            Every request from the next one on is scored by {version || 'the chosen version'}{' '}
            instead of {cfg.serving}, on every source. If the model is not the problem, this only
            loses accuracy.
          </Warning>
        </>
      );
      break;
    case 'revert-change':
      confirm = 'Revert the change';
      body =
        revertible.length === 0 ? (
          <p>
            No change in the log so far can be reverted from here. Changes made by partners or other
            teams need an escalation.
          </p>
        ) : (
          <Field label="Change">
            <select value={changeId} onChange={(e) => setChangeId(e.target.value)} name="change">
              {revertible.map((c) => (
                <option key={c.id} value={c.id}>
                  {formatClock(c.at)} {c.title}
                </option>
              ))}
            </select>
          </Field>
        );
      break;
    case 'set-fallback':
      confirm = 'Set the fallback';
      body = (
        <fieldset>
          <legend>When the model cannot answer (timeout, error, paused)</legend>
          {FALLBACK_CHOICES.map((c) => (
            <label key={c.value} className="radio">
              <input
                type="radio"
                name="fallback"
                value={c.value}
                checked={fallback === c.value}
                onChange={() => setFallback(c.value)}
              />
              <span>
                <b>{c.label}</b> — {c.help}
                {c.value === cfg.fallback ? ' (current)' : ''}
              </span>
            </label>
          ))}
        </fieldset>
      );
      break;
    case 'pause':
      danger = true;
      confirm = 'Pause the feature';
      body = (
        <Warning>
          Every request on every source goes to manual review until you resume. Review capacity is
          limited: the queue grows and decisions slow down.
        </Warning>
      );
      break;
    case 'resume':
      confirm = 'Resume the feature';
      body = <p>The model answers requests again from the next one on.</p>;
      break;
    case 'set-serving-pattern':
      confirm = 'Change the pattern';
      body = (
        <fieldset>
          <legend>How requests are served</legend>
          {PATTERN_CHOICES.map((c) => (
            <label key={c.value} className="radio">
              <input
                type="radio"
                name="pattern"
                value={c.value}
                checked={pattern === c.value}
                onChange={() => setPattern(c.value)}
              />
              <span>
                <b>{c.label}</b> — {c.help}
                {c.value === cfg.servingPattern ? ' (current)' : ''}
              </span>
            </label>
          ))}
          <p className="subtle">
            Before choosing, ask whether the latency budget is known and whether costs are measured.
          </p>
        </fieldset>
      );
      break;
    case 'set-limits':
      confirm = 'Set the limits';
      body = (
        <div className="form-grid">
          <Field label="Timeout (ms)">
            <input
              type="number"
              min={1}
              value={timeoutMs}
              onChange={(e) => setTimeoutMs(e.target.value)}
              name="timeoutMs"
            />
          </Field>
          <Field label="Retry cap">
            <input
              type="number"
              min={0}
              max={10}
              value={retryMax}
              onChange={(e) => setRetryMax(e.target.value)}
              name="retryMax"
            />
          </Field>
          <Field label="Retrieval k (documents)">
            <input
              type="number"
              min={0}
              value={retrievalK}
              onChange={(e) => setRetrievalK(e.target.value)}
              name="retrievalK"
            />
          </Field>
          <Field label="Prompt cap (tokens; empty = none)">
            <input
              type="number"
              min={1}
              value={promptCap}
              onChange={(e) => setPromptCap(e.target.value)}
              name="promptCap"
            />
          </Field>
          <Field label="Cost cap (USD per hour; empty = none)">
            <input
              type="number"
              min={0}
              step="0.01"
              value={costCap}
              onChange={(e) => setCostCap(e.target.value)}
              name="costCap"
            />
          </Field>
        </div>
      );
      break;
    case 'patch-mapping':
      confirm = 'Apply the patch';
      body = (
        <div className="form-grid">
          <Field label="Field">
            <select value={field} onChange={(e) => setField(e.target.value)} name="field">
              {facts.fields.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.name}
                  {f.unit ? ` (${f.unit})` : ''}
                </option>
              ))}
            </select>
          </Field>
          {sourceSelect('Only for source')}
          <Field label="Multiply numbers by (unit factor)">
            <input
              type="text"
              inputMode="decimal"
              placeholder="e.g. 0.01 for cents to dollars"
              value={factor}
              onChange={(e) => setFactor(e.target.value)}
              name="factor"
            />
          </Field>
          <Field label="Read the value from (renamed field; optional)">
            <input
              type="text"
              value={fromName}
              onChange={(e) => setFromName(e.target.value)}
              name="from"
              placeholder="new field name"
            />
          </Field>
        </div>
      );
      break;
    case 'retrain':
      danger = true;
      confirm = 'Start retraining';
      body = (
        <>
          <div className="form-grid">
            <Field label="From (hours since start)">
              <input
                type="number"
                min={0}
                step={0.25}
                value={fromH}
                onChange={(e) => setFromH(e.target.value)}
                name="from"
              />
            </Field>
            <Field label="To (hours since start)">
              <input
                type="number"
                min={0}
                step={0.25}
                value={toH}
                onChange={(e) => setToH(e.target.value)}
                name="to"
              />
            </Field>
          </div>
          <p className="subtle">
            Window {formatClock(Number(fromH) * HOUR)}–{formatClock(Number(toH) * HOUR)}; labelled
            examples only (labels arrive late).
          </p>
          <Warning>
            Retraining takes service time and learns whatever the logged data says — corruption
            included. Check inputs and the change log first. The new version must then be deployed.
          </Warning>
        </>
      );
      break;
    case 'scale':
      confirm = 'Scale';
      body = (
        <Field label={<>Replicas (now {cfg.replicas}; takes about 3 minutes)</>}>
          <input
            type="number"
            min={1}
            max={1000}
            value={replicas}
            onChange={(e) => setReplicas(e.target.value)}
            name="replicas"
          />
        </Field>
      );
      break;
    case 'escalate':
      confirm = 'Escalate';
      body = (
        <>
          <Field label="Team">
            <select value={team} onChange={(e) => setTeam(e.target.value)} name="team">
              {facts.teams.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Message">
            <textarea
              rows={3}
              value={message}
              onChange={(e) => setMessage(e.target.value)}
              name="message"
              placeholder="What you see and what you need from them"
            />
          </Field>
        </>
      );
      break;
    case 'rebaseline':
      confirm = 'Re-fix the reference';
      body = (
        <p>
          Monitoring compares every window with the last two hours from now on. Do this after a
          change you accept as the new normal — not to silence a real problem.
        </p>
      );
      break;
    case 'deploy':
      danger = mode === 'full';
      confirm =
        mode === 'full'
          ? `Roll out ${version} to all traffic`
          : mode === 'canary'
            ? 'Start the canary'
            : 'Start the shadow';
      body = (
        <>
          <Field label="Version">
            <select value={version} onChange={(e) => setVersion(e.target.value)} name="version">
              {others.map((v) => (
                <option key={v.version} value={v.version}>
                  {v.version} — {v.description}
                </option>
              ))}
            </select>
          </Field>
          <fieldset>
            <legend>Release pattern</legend>
            {(['shadow', 'canary', 'full'] as const).map((m) => (
              <label key={m} className="radio">
                <input
                  type="radio"
                  name="mode"
                  value={m}
                  checked={mode === m}
                  onChange={() => setMode(m)}
                />
                <span>
                  <b>{m === 'shadow' ? 'Shadow' : m === 'canary' ? 'Canary' : 'Full rollout'}</b> —{' '}
                  {m === 'shadow'
                    ? 'scored and monitored beside the serving model, not served'
                    : m === 'canary'
                      ? 'serves a share of traffic'
                      : 'serves everything at once'}
                </span>
              </label>
            ))}
          </fieldset>
          {mode === 'canary' && (
            <Field label="Canary share (% of traffic)">
              <input
                type="number"
                min={1}
                max={100}
                value={share}
                onChange={(e) => setShare(e.target.value)}
                name="share"
              />
            </Field>
          )}
          {mode !== 'full' && sourceSelect('Only for source')}
          {mode === 'full' && (
            <Warning>
              {version || 'The version'} replaces {cfg.serving} for every request on every source,
              with no comparison first.
            </Warning>
          )}
        </>
      );
      break;
  }

  return (
    <form onSubmit={submit} className="action-form">
      {body}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="button-row end">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className={danger ? 'danger' : 'primary'}>
          {confirm}
        </button>
      </div>
    </form>
  );
}
