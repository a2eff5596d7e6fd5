import { useId } from 'react';
import { TEAM_ROLES, roleLabel, type TeamRole } from '../../../../electron/engine/team-roles';

/** A role in words with a capital, for buttons and badges ("Incident commander"). */
export function roleTitle(role: string): string {
  const label = roleLabel(role);
  return label.charAt(0).toUpperCase() + label.slice(1);
}

interface TeamRolePickerProps {
  role: TeamRole | null;
  onRole: (role: TeamRole | null) => void;
  /** "bar": one labelled select for the console; "large": big choices for the projector. */
  variant: 'bar' | 'large';
  disabled?: boolean;
}

/** Which team role is acting: sent with every command and shown against it in the debrief. */
export function TeamRolePicker({ role, onRole, variant, disabled }: TeamRolePickerProps) {
  const id = useId();
  if (variant === 'bar') {
    return (
      <div className="team-role-bar">
        <label htmlFor={id}>Acting as</label>
        <select
          id={id}
          value={role ?? ''}
          disabled={disabled}
          onChange={(e) => onRole(e.target.value === '' ? null : (e.target.value as TeamRole))}
          aria-describedby={`${id}-help`}
        >
          <option value="">No role</option>
          {TEAM_ROLES.map((r) => (
            <option key={r} value={r}>
              {roleTitle(r)}
            </option>
          ))}
        </select>
        <span className="subtle" id={`${id}-help`}>
          Recorded against each action you send.
        </span>
      </div>
    );
  }
  return (
    <fieldset className="role-choices" disabled={disabled}>
      <legend>Team role acting now</legend>
      {[...TEAM_ROLES, null].map((r) => (
        <label key={r ?? 'none'} className={`role-choice${role === r ? ' chosen' : ''}`}>
          <input type="radio" name={`${id}-role`} checked={role === r} onChange={() => onRole(r)} />
          {r ? roleTitle(r) : 'No role'}
        </label>
      ))}
    </fieldset>
  );
}
