import { cloneElement, useId, type ReactElement, type ReactNode } from 'react';

/**
 * A label and its control, tied by id rather than by nesting: a nested select would add its
 * chosen option to the label's accessible name ("Field amount (USD)").
 */
export function Field({
  label,
  children,
  className,
}: {
  label: ReactNode;
  children: ReactElement<{ id?: string }>;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id })}
    </div>
  );
}
