import { z } from 'zod';
import { parse } from 'yaml';
import { timedCommand } from './scenario/schema';
import type { Command } from './commands';

const actionsFileSchema = z.strictObject({ actions: z.array(timedCommand).max(10_000) });

/** A command scheduled at a virtual time (ms), as actions files and reference responses hold them. */
export interface TimedCommand {
  at: number;
  command: Command;
}

/**
 * Parses an actions file (YAML or JSON: `actions: [{at: 6h20m, command: {...}}]`), sorted by
 * time. Errors name the file and field path. Nothing in the file executes.
 */
export function parseActionsFile(
  text: string,
  fileName: string,
): { ok: true; actions: TimedCommand[] } | { ok: false; errors: string[] } {
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 50, uniqueKeys: true });
  } catch (error) {
    return {
      ok: false,
      errors: [`${fileName}: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
  const result = actionsFileSchema.safeParse(data);
  if (!result.success) {
    return {
      ok: false,
      errors: result.error.issues.map(
        (i) => `${fileName}: ${i.path.join('.') || '(top level)'}: ${i.message}`,
      ),
    };
  }
  const actions = result.data.actions.map((a) => ({ at: a.at, command: a.command }));
  return { ok: true, actions: actions.sort((a, b) => a.at - b.at) };
}
