import type { Debrief } from '../../../../electron/engine/scoring/debrief-types';
import { formatClock, formatNumber } from '../../lib/format';
import { roleTitle } from './TeamRolePicker';

/** Returns the team's actions grouped by the role that sent them, roles in order of first use. */
function actionsByRole(d: Debrief): { role: string; actions: Debrief['timeline'] }[] {
  const groups = new Map<string, Debrief['timeline']>();
  for (const e of d.timeline) {
    if (e.kind !== 'learner') continue;
    const role = e.role ?? '';
    const list = groups.get(role);
    if (list) list.push(e);
    else groups.set(role, [e]);
  }
  return [...groups.entries()].map(([role, actions]) => ({ role, actions }));
}

/**
 * The workshop part of the debrief: faults the facilitator injected live, hints and their cost,
 * and who in the team did what. Shown only when the session had any of these.
 */
export function WorkshopDebrief({ d }: { d: Debrief }) {
  const injected = d.faults.filter((f) => f.injected);
  const hints = d.hints ?? [];
  const roles = actionsByRole(d);
  const hasRoles = roles.some((r) => r.role !== '');
  if (injected.length === 0 && hints.length === 0 && !hasRoles) return null;
  const hintCost = hints.reduce((a, h) => a + h.cost, 0);
  return (
    <section className="panel workshop-debrief" aria-labelledby="workshop-title">
      <h2 id="workshop-title">Workshop</h2>
      {injected.length > 0 && (
        <>
          <h3>Faults injected live</h3>
          <ul data-testid="injected-faults">
            {injected.map((f) => (
              <li key={f.id}>
                <b>{f.type}</b> (<span className="mono">{f.id}</span>):{' '}
                {f.injectedBy === undefined || f.injectedBy === 'facilitator'
                  ? 'injected live by the facilitator'
                  : `injected live, recorded as ${roleTitle(f.injectedBy)}`}
                {f.injectedAt !== undefined ? ` at ${formatClock(f.injectedAt)}` : ''}; acting from{' '}
                {formatClock(f.at)}
                {f.end !== null
                  ? ` to ${formatClock(f.end)}${f.endedBy ? ` (ended by ${f.endedBy})` : ''}`
                  : ' to the end'}
                . {f.description}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Hints</h3>
      {hints.length === 0 ? (
        <p>No hints taken.</p>
      ) : (
        <>
          <p>
            {hints.length} hint{hints.length > 1 ? 's' : ''} taken, costing{' '}
            <b>{formatNumber(hintCost)} points</b>.
          </p>
          <table className="compact" data-testid="hints-taken">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Asked by</th>
                <th scope="col">Hint</th>
                <th scope="col" className="num">
                  Cost
                </th>
              </tr>
            </thead>
            <tbody>
              {hints.map((h) => (
                <tr key={h.seq}>
                  <td className="mono">{formatClock(h.t)}</td>
                  <td>{h.role ? roleTitle(h.role) : 'No role'}</td>
                  <td>{h.text}</td>
                  <td className="num">
                    {h.cost > 0 ? `−${formatNumber(h.cost)} points` : 'free (cap reached)'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {hasRoles && (
        <>
          <h3>Who did what</h3>
          <dl className="role-actions" data-testid="actions-by-role">
            {roles.map((r) => (
              <div key={r.role || 'none'}>
                <dt>{r.role ? roleTitle(r.role) : 'No role picked'}</dt>
                <dd>
                  {r.actions
                    .map((e) => `${formatClock(e.t)} ${e.title}${e.rating ? ` (${e.rating})` : ''}`)
                    .join('; ')}
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
