/**
 * Roles in a workshop team. The role acting when a command is sent is stored on its decision,
 * so the debrief can say who did what; the facilitator's own commands carry FACILITATOR_ROLE.
 */

export const TEAM_ROLES = ['incident-commander', 'ml-on-call', 'scribe', 'comms'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** The role recorded on commands the facilitator sends (fault injections). */
export const FACILITATOR_ROLE = 'facilitator';

const LABELS: Record<TeamRole | typeof FACILITATOR_ROLE, string> = {
  'incident-commander': 'incident commander',
  'ml-on-call': 'ML on-call',
  scribe: 'scribe',
  comms: 'comms',
  facilitator: 'facilitator',
};

/** Returns whether `value` is one of the team roles. */
export function isTeamRole(value: unknown): value is TeamRole {
  return typeof value === 'string' && (TEAM_ROLES as readonly string[]).includes(value);
}

/** Returns a role in words ("ML on-call"); a role this version does not know is shown as given. */
export function roleLabel(role: string): string {
  // Own keys only: `in` would find "toString" and return a function for a role read from a file.
  return Object.hasOwn(LABELS, role) ? LABELS[role as keyof typeof LABELS] : role;
}
