/** How the debrief words a revealed fault, shared by the report and the app's debrief screen. */
import { roleLabel } from '../team-roles';
import type { DebriefFault } from './debrief-types';
import { clock } from './format';

/** Ends text with a full stop unless it ends a sentence already ("dependency-outage."). */
function asSentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?…:]["')\]]*$/u.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** "Injected live by the facilitator at 02:30." */
function injectionNote(f: DebriefFault): string {
  if (!f.injected) return '';
  const who = f.injectedBy ? roleLabel(f.injectedBy) : 'facilitator';
  const at = f.injectedAt !== undefined ? ` at ${clock(f.injectedAt)}` : '';
  return who === 'facilitator'
    ? `Injected live by the facilitator${at}.`
    : `Injected live${at} (recorded as ${who}).`;
}

/** The fault's description, and for a live injection a sentence saying when and by whom. */
export function faultDetail(f: DebriefFault): string {
  return f.injected ? `${asSentence(f.description)} ${injectionNote(f)}` : f.description;
}
