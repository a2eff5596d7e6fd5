import { useMemo } from 'react';
import type { Debrief } from '../../../electron/engine/scoring/debrief-types';
import type { EvidenceFact } from '../../../electron/engine/scoring/score-types';
import { faultDetail } from '../../../electron/engine/scoring/fault-text';
import type { DebriefState } from '../state/debrief';
import type { SessionState } from '../state/session';
import type { AppActions } from '../app/use-app-state';
import { TimeSeriesChart } from '../charts/TimeSeriesChart';
import { TimelineLanes } from '../charts/TimelineLanes';
import type { LaneSpec } from '../charts/timeline-lanes';
import type { SeriesSpec, ThresholdSpec } from '../charts/time-series';
import { exportHtml, exportJson, exportMarkdown } from '../lib/report-export';
import { formatClock, formatDuration, formatNumber, formatPercent, formatUsd } from '../lib/format';
import { WorkshopDebrief } from './facilitator/WorkshopDebrief';
import { SaveResult } from './cohort/SaveResult';
import { roleTitle } from './facilitator/TeamRolePicker';
import { LessonPanel } from './debrief/LessonPanel';

interface DebriefScreenProps {
  debrief: DebriefState;
  session: SessionState;
  actions: AppActions;
}

const RATING_WORDS = {
  recommended: 'recommended',
  acceptable: 'acceptable',
  harmful: 'harmful',
} as const;

/** Returns an evidence fact's value in its unit. */
function factValue(f: EvidenceFact): string {
  if (f.value === null) return '—';
  if (typeof f.value === 'string') return f.value;
  switch (f.unit) {
    case 'time':
      return formatClock(f.value);
    case 'duration':
      return formatDuration(f.value);
    case 'usd/request':
      return `${formatUsd(f.value)} per request`;
    case 'usd/h':
      return `${formatUsd(f.value)} per hour`;
    case 'harm/request':
      return `${formatNumber(f.value)} per request`;
    case 'harm':
    case 'count':
    case 'text':
      return formatNumber(f.value);
  }
}

const harmFormat = (v: number) => formatNumber(v);
const usdFormat = (v: number) => formatUsd(v);

/** The debrief: score with reasons, what happened when, the curves of three runs, the note. */
export function DebriefScreen({ debrief, session, actions }: DebriefScreenProps) {
  if (debrief.status === 'loading' || debrief.status === 'none') {
    return (
      <section className="debrief" aria-labelledby="debrief-title">
        <h1 id="debrief-title">Debrief</h1>
        <p role="status">
          <span className="spinner" aria-hidden="true" /> Scoring your response against the
          do-nothing and reference replays…
        </p>
      </section>
    );
  }
  const view = debrief.view;
  if (!view || !view.ok) {
    return (
      <section className="debrief" aria-labelledby="debrief-title">
        <h1 id="debrief-title">Debrief</h1>
        <div className="panel failure-inline" role="alert">
          <h2>No score for this session</h2>
          <p>{debrief.error ?? 'Scoring did not return a debrief.'}</p>
          <div className="button-row">
            <button type="button" onClick={() => void actions.exportSession()}>
              Export the session
            </button>
            {session.key && (
              <button type="button" onClick={() => void actions.startSession(session.key!)}>
                Play the scenario again
              </button>
            )}
            <button type="button" onClick={() => actions.navigate('library')}>
              Back to the library
            </button>
          </div>
        </div>
      </section>
    );
  }
  return <DebriefBody d={view.debrief} sessionKey={session.key} actions={actions} />;
}

function DebriefBody({
  d,
  sessionKey,
  actions,
}: {
  d: Debrief;
  sessionKey: string | null;
  actions: AppActions;
}) {
  const s = d.score;
  const share = s.max > 0 ? s.total / s.max : 0;
  const domain: [number, number] = useMemo(
    () => [0, d.scenario.durationMs],
    [d.scenario.durationMs],
  );
  const charts = useMemo(() => {
    const pts = (key: 'harmRate' | 'costPerHour', run: 'learner' | 'doNothing' | 'reference') =>
      d.curves[run].map((p) => ({ t: p.t + d.curves.windowMs, v: p[key] }));
    // Your run is drawn last so it stays on top where the curves coincide.
    const mk = (key: 'harmRate' | 'costPerHour'): SeriesSpec[] => [
      {
        id: 'nothing',
        label: 'do nothing',
        points: pts(key, 'doNothing'),
        color: 'var(--series-2)',
        dashed: true,
      },
      {
        id: 'reference',
        label: 'reference',
        points: pts(key, 'reference'),
        color: 'var(--series-4)',
        dashed: true,
      },
      { id: 'learner', label: 'you', points: pts(key, 'learner'), color: 'var(--series-1)' },
    ];
    const harmThresholds: ThresholdSpec[] =
      d.curves.harmThreshold !== null
        ? [{ value: d.curves.harmThreshold, label: 'incident level', severity: 'warning' }]
        : [];
    const costThresholds: ThresholdSpec[] =
      d.curves.budgetUsdPerHour !== null
        ? [{ value: d.curves.budgetUsdPerHour, label: 'budget', severity: 'critical' }]
        : [];
    const faultMarkers = d.faults.map((f) => ({
      t: f.at,
      label: `fault ${f.id} (${f.type}) begins`,
      kind: 'fault',
    }));
    const lanes: LaneSpec[] = [
      {
        id: 'faults',
        label: 'Faults',
        items: d.timeline
          .filter((e) => e.kind === 'fault-onset' || e.kind === 'fault-end')
          .map((e) => ({ t: e.t, label: e.title, kind: 'fault' })),
      },
      {
        id: 'alerts',
        label: 'Alerts',
        items: d.timeline
          .filter((e) => e.kind === 'alert')
          .map((e) => ({ t: e.t, label: e.title, kind: 'alert' })),
      },
      {
        id: 'you',
        label: 'You',
        items: d.timeline
          .filter((e) => e.kind === 'learner')
          .map((e) => ({
            t: e.t,
            label: `${e.title}${e.rating ? ` (${e.rating})` : ''}`,
            kind: e.rating ? `learner-${e.rating}` : 'learner',
          })),
      },
      {
        id: 'reference',
        label: 'Reference',
        items: d.timeline
          .filter((e) => e.kind === 'reference')
          .map((e) => ({ t: e.t, label: e.title, kind: 'reference' })),
      },
    ];
    return {
      harm: mk('harmRate'),
      cost: mk('costPerHour'),
      harmThresholds,
      costThresholds,
      faultMarkers,
      lanes,
    };
  }, [d]);
  const runs = s.runs;

  return (
    <section className="debrief" aria-labelledby="debrief-title">
      <div className="screen-head">
        <div>
          <p className="eyebrow">Debrief · seed {d.seed}</p>
          <h1 id="debrief-title">{d.scenario.title}</h1>
          <p className="verdict">{s.verdict}</p>
        </div>
        <div
          className="score-big"
          aria-label={`Score ${s.total} of ${s.max}`}
          data-testid="debrief-score"
        >
          <span className="score-value">{formatNumber(s.total)}</span>
          <span className="score-max">/ {formatNumber(s.max)}</span>
          <span className="score-share">{formatPercent(share, 0)}</span>
        </div>
      </div>
      <div className="button-row">
        <button type="button" onClick={() => exportMarkdown(d)}>
          Export Markdown
        </button>
        <button type="button" onClick={() => exportHtml(d)}>
          Export HTML
        </button>
        <button type="button" onClick={() => exportJson(d)}>
          Export JSON
        </button>
        <span className="subtle">
          {/* The desktop shell exposes window.driftdrill and prints PDFs from its menu. */}
          {window.driftdrill
            ? 'For a PDF, use File › Export report.'
            : 'For a PDF, open the HTML report and print it to PDF.'}
        </span>
        <span className="spacer" />
        {sessionKey && (
          <button type="button" onClick={() => void actions.startSession(sessionKey)}>
            Play again
          </button>
        )}
        <button type="button" onClick={() => actions.navigate('progress')}>
          Your progress
        </button>
        <button type="button" className="primary" onClick={() => actions.navigate('library')}>
          Back to the library
        </button>
      </div>
      <SaveResult save={actions.saveResultFile} />

      <section className="panel" aria-labelledby="score-title">
        <h2 id="score-title">Score, criterion by criterion</h2>
        <table className="score-table">
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col" className="num">
                Points
              </th>
              <th scope="col">Why</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {s.criteria.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.label}</th>
                <td className="num points">
                  {c.max === 0 ? (
                    // A penalty-only criterion (hints): nothing to earn, only points to lose.
                    <>
                      <b>{c.points < 0 ? `−${formatNumber(-c.points)}` : '0'}</b> penalty
                    </>
                  ) : (
                    <>
                      <b>{formatNumber(c.points)}</b> / {formatNumber(c.max)}
                      <meter
                        min={0}
                        max={c.max || 1}
                        value={c.points}
                        aria-label={`${c.label}: ${c.points} of ${c.max}`}
                      />
                    </>
                  )}
                </td>
                <td>{c.explanation}</td>
                <td>
                  <ul className="facts-list">
                    {c.evidence.facts.map((f, i) => (
                      <li key={i}>
                        {f.label}: <b>{factValue(f)}</b>
                      </li>
                    ))}
                    {c.evidence.seqs.length > 0 && (
                      <li className="subtle">Decisions #{c.evidence.seqs.join(', #')}</li>
                    )}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="panel" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <p className="subtle">
          Faults are revealed only now. Curves are per {formatDuration(d.curves.windowMs)} window;
          your run is compared with doing nothing and with the reference response on the same seed.
        </p>
        <TimelineLanes lanes={charts.lanes} domain={domain} title="What happened when" />
        <div className="two-col">
          <TimeSeriesChart
            title="Harm"
            unit="harm per request"
            series={charts.harm}
            thresholds={charts.harmThresholds}
            markers={charts.faultMarkers}
            formatValue={harmFormat}
            xDomain={domain}
            heightRem={10}
          />
          <TimeSeriesChart
            title="Cost"
            unit="USD per hour"
            series={charts.cost}
            thresholds={charts.costThresholds}
            markers={charts.faultMarkers}
            formatValue={usdFormat}
            xDomain={domain}
            heightRem={10}
          />
        </div>
        <table className="compact runs">
          <caption>After the first fault</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col" className="num">
                Harm
              </th>
              <th scope="col" className="num">
                Harm per request
              </th>
              <th scope="col" className="num">
                Cost per hour
              </th>
              <th scope="col">Recovered</th>
              <th scope="col" className="num">
                Score
              </th>
            </tr>
          </thead>
          <tbody>
            {(
              [
                ['You', runs.learner],
                ['Do nothing', runs.doNothing],
                ['Reference', runs.reference],
              ] as const
            ).map(([name, r]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td className="num">{formatNumber(r.harmAfterOnset)}</td>
                <td className="num">{formatNumber(r.harmRateAfterOnset)}</td>
                <td className="num">{formatUsd(r.costPerHourAfterOnset)}</td>
                <td>
                  {r.recoveredAt !== null
                    ? formatClock(r.recoveredAt)
                    : r.exceeded
                      ? 'not by the end'
                      : 'never exceeded'}
                </td>
                <td className="num">{formatNumber(r.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <details>
          <summary>Every timeline entry ({d.timeline.length})</summary>
          <table className="compact timeline-table">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Who or what</th>
                <th scope="col">What</th>
                <th scope="col">Rating</th>
              </tr>
            </thead>
            <tbody>
              {d.timeline.map((e, i) => (
                <tr key={i} className={e.rating === 'harmful' ? 'row-alarm' : undefined}>
                  <td className="mono">{formatClock(e.t)}</td>
                  <td>
                    {e.kind.replace('-', ' ')}
                    {e.role && ` (${roleTitle(e.role)})`}
                  </td>
                  <td>
                    {e.title}
                    {e.detail && <span className="subtle"> — {e.detail}</span>}
                  </td>
                  <td>{e.rating ? RATING_WORDS[e.rating] : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>

      <WorkshopDebrief d={d} />

      <div className="two-col">
        <section className="panel" aria-labelledby="note-title">
          <h2 id="note-title">Your decision note</h2>
          {d.note ? (
            <dl className="note-view">
              <dt>Assumption</dt>
              <dd>{d.note.assumption || <span className="unknown">left empty</span>}</dd>
              <dt>Evidence</dt>
              <dd>
                {d.note.evidence || <span className="unknown">left empty</span>}
                {d.note.evidenceLinks.length > 0 && (
                  <span className="subtle">
                    {' '}
                    (investigations #{d.note.evidenceLinks.join(', #')})
                  </span>
                )}
              </dd>
              <dt>Chosen action</dt>
              <dd>{d.note.action || <span className="unknown">left empty</span>}</dd>
              <dt>Is the latency budget known?</dt>
              <dd>{d.note.latencyBudgetKnown ? 'yes' : 'no'}</dd>
              <dt>Are costs measured?</dt>
              <dd>{d.note.costsMeasured ? 'yes' : 'no'}</dd>
            </dl>
          ) : (
            <p>
              No decision note was written. The note is the artefact you leave for the next person
              on call.
            </p>
          )}
        </section>
        <section className="panel" aria-labelledby="practise-title">
          <h2 id="practise-title">What to practise next</h2>
          {d.practice.length === 0 ? (
            <p>Nothing stands out: you lost no points worth drilling.</p>
          ) : (
            <ul>
              {d.practice.map((p) => (
                <li key={p.criterion}>
                  <b>{p.criterion}</b> ({formatNumber(p.lost)} points lost): {p.advice}
                </li>
              ))}
            </ul>
          )}
          <h3>Lessons of this scenario</h3>
          <ul>
            {d.scenario.lessons.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
          <h3>Faults, revealed</h3>
          <ul>
            {d.faults.map((f) => (
              <li key={f.id}>
                <span className="mono">{formatClock(f.at)}</span> <b>{f.type}</b>: {faultDetail(f)}
                {f.end !== null
                  ? ` Ended ${formatClock(f.end)}${f.endedBy ? ` by ${f.endedBy}` : ''}.`
                  : ' Still active at the end.'}
              </li>
            ))}
          </ul>
        </section>
      </div>

      <LessonPanel
        key={`${d.scenario.id}-${d.seed}`}
        scenarioId={d.scenario.id}
        lessons={d.scenario.lessons}
        fromFile={sessionKey?.startsWith('opened/') ?? false}
      />
    </section>
  );
}
