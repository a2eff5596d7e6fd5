/** A command in a few words, for timelines and reports. */
import type { Command } from '../commands';
import { duration } from './format';

/** Describes a command briefly ("patch-mapping amount × 0.01 (partner-api)"). */
export function describeCommand(c: Command): string {
  const from = (source?: string) => (source ? ` (${source})` : '');
  switch (c.type) {
    case 'investigate':
      return `investigate ${c.tool}${c.field ? ` ${c.field}` : ''}${from(c.source)}`;
    case 'rollback':
      return `rollback to ${c.version}`;
    case 'revert-change':
      return `revert ${c.changeId}`;
    case 'set-fallback':
      return `fallback → ${c.mode}`;
    case 'pause':
      return c.paused ? 'pause the feature' : 'resume the feature';
    case 'set-limits': {
      const parts = Object.entries(c)
        .filter(([k, v]) => k !== 'type' && v !== undefined)
        .map(([k, v]) => `${k} ${v === null ? 'none' : String(v)}`);
      return `set limits: ${parts.join(', ')}`;
    }
    case 'patch-mapping':
      return `patch-mapping ${c.field}${c.from ? ` ← ${c.from}` : ''}${c.factor !== undefined ? ` × ${c.factor}` : ''}${from(c.source)}`;
    case 'retrain':
      return `retrain on ${duration(c.from)}–${duration(c.to)}${c.version ? ` as ${c.version}` : ''}`;
    case 'deploy':
      return `deploy ${c.version} (${c.mode}${c.share !== undefined ? ` ${Math.round(c.share * 100)}%` : ''})${from(c.source)}`;
    case 'scale':
      return `scale to ${c.replicas} replicas`;
    case 'set-serving-pattern':
      return `serving pattern → ${c.pattern}`;
    case 'ack-alert':
      return `acknowledge ${c.alertId}`;
    case 'silence-alert':
      return `silence ${c.alertId} for ${duration(c.forMs)}`;
    case 'escalate':
      return `escalate to ${c.team}`;
    case 'diagnose':
      return `diagnose: ${c.rootCause}`;
    case 'note':
      return 'decision note';
    case 'hint':
      return 'take a hint';
    case 'inject-fault':
      return `inject fault ${String(c.fault.id ?? '')}`.trim();
    default:
      return c.type;
  }
}
