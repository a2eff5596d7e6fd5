import { memo } from 'react';
import type { CommandMessage } from '../../state/session';
import { formatClock } from '../../lib/format';
import { roleTitle } from '../facilitator/TeamRolePicker';

/** What each action did, in the engine's words, newest first. */
function ActivityFeedImpl({ messages }: { messages: readonly CommandMessage[] }) {
  return (
    <section className="panel activity" aria-labelledby="activity-title">
      <h2 id="activity-title">Your actions</h2>
      {messages.length === 0 ? (
        <p className="subtle">Nothing yet. Results of investigations and actions appear here.</p>
      ) : (
        <ol className="activity-list" aria-live="polite">
          {messages.map((m) => (
            <li key={m.id} className={m.ok ? 'ok' : 'refused'}>
              <span className="mono">{formatClock(m.at)}</span>{' '}
              <span className="badge">{m.command}</span>{' '}
              {m.role && <span className="badge badge-role">{roleTitle(m.role)}</span>}{' '}
              {!m.ok && <b>Refused: </b>}
              {m.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export const ActivityFeed = memo(ActivityFeedImpl);
