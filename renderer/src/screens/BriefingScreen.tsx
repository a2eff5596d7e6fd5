import type { BriefingView } from '../../../electron/shared/contract';
import type { AppActions } from '../app/use-app-state';
import { formatDuration, formatUsd } from '../lib/format';

interface BriefingScreenProps {
  briefing: BriefingView;
  busy: boolean;
  actions: AppActions;
}

const CAN_DO: { group: string; items: string[] }[] = [
  {
    group: 'Investigate (each use is logged as evidence, and takes a few minutes of service time)',
    items: [
      'Compare a field’s distribution now with the reference, per source',
      'Read a sample of raw logged requests',
      'Read the change log of deploys and product changes',
      'Trace slow requests stage by stage',
      'Break down cost by stage and by source',
      'Check performance on the labels that have arrived',
      'Ask for a human review of recent decisions (slow)',
    ],
  },
  {
    group: 'Act',
    items: [
      'Roll back the model, revert a change, patch a field mapping or unit',
      'Turn on a fallback, pause the feature (manual review), set serving limits',
      'Retrain on a chosen window (takes time; bad data makes a bad model), scale out',
      'Acknowledge or silence alerts, escalate to another team',
    ],
  },
  {
    group: 'Release',
    items: [
      'Deploy a version as shadow, canary or full rollout; promote or abort',
      'Choose the serving pattern',
    ],
  },
  {
    group: 'Decide',
    items: [
      'Record a diagnosis, write the decision note (assumption, evidence, action), and declare the incident resolved',
    ],
  },
];

/** What the learner needs before the clock starts: the service, its budgets and the runbook. */
export function BriefingScreen({ briefing: b, busy, actions }: BriefingScreenProps) {
  return (
    <section className="briefing" aria-labelledby="briefing-title">
      <div className="screen-head">
        <div>
          <p className="eyebrow">
            Briefing · {b.difficulty} · {formatDuration(b.durationMs)} of service time
          </p>
          <h1 id="briefing-title">{b.title}</h1>
        </div>
        <div className="button-row">
          <button type="button" onClick={() => actions.navigate('library')}>
            Back to the library
          </button>
          <button
            type="button"
            className="primary big"
            onClick={() => void actions.startSession(b.key)}
            disabled={busy}
          >
            {busy ? 'Starting…' : 'Start the shift'}
          </button>
        </div>
      </div>

      <div className="briefing-grid">
        <section className="panel" aria-labelledby="b-service">
          <h2 id="b-service">The service</h2>
          <p>{b.service}</p>
          <p>
            <b>Task:</b> {b.task}
          </p>
          <p>
            <b>Traffic sources:</b> {b.sources.join(', ')}
          </p>
          <p>
            <b>Model versions in the registry:</b> {b.versions.join(', ')}
          </p>
        </section>

        <section className="panel" aria-labelledby="b-budgets">
          <h2 id="b-budgets">Objectives and budgets</h2>
          <ul>
            {b.slo.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
          <dl className="facts">
            <dt>Latency budget (p95)</dt>
            <dd>
              {b.latencyBudgetMs === null ? (
                <span className="unknown">unknown — no one has stated it</span>
              ) : (
                `${b.latencyBudgetMs} ms`
              )}
            </dd>
            <dt>Cost budget</dt>
            <dd>
              {b.costBudgetUsdPerHour === null ? (
                <span className="unknown">unknown — costs are not budgeted</span>
              ) : (
                `${formatUsd(b.costBudgetUsdPerHour)} per hour`
              )}
            </dd>
          </dl>
        </section>

        <section className="panel" aria-labelledby="b-runbook">
          <h2 id="b-runbook">Runbook</h2>
          <ol>
            {b.runbook.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
        </section>

        <section className="panel" aria-labelledby="b-goals">
          <h2 id="b-goals">Your goals</h2>
          <ul>
            {b.goals.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
          {b.teaches.length > 0 && (
            <>
              <h3>What this scenario teaches</h3>
              <ul>
                {b.teaches.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </>
          )}
        </section>

        <section className="panel" aria-labelledby="b-fields">
          <h2 id="b-fields">Request fields</h2>
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Type</th>
                <th scope="col">Unit</th>
              </tr>
            </thead>
            <tbody>
              {b.fields.map((f) => (
                <tr key={f.name}>
                  <td className="mono">{f.name}</td>
                  <td>{f.type}</td>
                  <td>{f.unit || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section className="panel" aria-labelledby="b-can-do">
          <h2 id="b-can-do">What you can do</h2>
          {CAN_DO.map((g) => (
            <div key={g.group}>
              <h3>{g.group}</h3>
              <ul>
                {g.items.map((i) => (
                  <li key={i}>{i}</li>
                ))}
              </ul>
            </div>
          ))}
          <p className="subtle">
            The clock starts paused. Press Space to run it, and ? for all shortcuts.
          </p>
        </section>
      </div>
    </section>
  );
}
