/**
 * Session files: a session is (scenario, seed, decision log), so that is all a file holds,
 * plus the scenario's hash so a file is never replayed against a different scenario.
 *
 * {format: 'driftdrill-session', version: 1, scenarioId, scenarioHash, seed,
 *  decisions: [{seq, t, command, role?}], savedAt?}
 *
 * The hash is SHA-256 of the scenario's canonical JSON (see scoring/scenario-hash.ts), so
 * reformatting a scenario file keeps old sessions loadable while any change of value refuses
 * them. Results are not stored: replaying the log reproduces them (and the score) exactly.
 */
import { z } from 'zod';
import { commandSchema, type Command } from './commands';
import type { Scenario } from './scenario/schema';
import type { Session } from './session';
import { scenarioHash } from './scoring/scenario-hash';

export { scenarioHash } from './scoring/scenario-hash';

export const SESSION_FORMAT = 'driftdrill-session';
export const SESSION_VERSION = 1;
/** Decisions a file may hold; far beyond any real session, small enough to refuse garbage fast. */
const MAX_DECISIONS = 100_000;

/** One logged decision as a session file stores it. */
export interface SessionDecision {
  seq: number;
  t: number;
  command: Command;
  role?: string;
}

/** A parsed session file. */
export interface SessionFile {
  format: typeof SESSION_FORMAT;
  version: typeof SESSION_VERSION;
  scenarioId: string;
  scenarioHash: string;
  seed: number;
  decisions: SessionDecision[];
  savedAt?: string;
}

/** One logged decision; result files reuse it for their decision log. */
export const decisionSchema = z.strictObject({
  seq: z.number().int().min(0),
  t: z.number().finite().min(0),
  command: commandSchema,
  role: z.string().min(1).max(80).optional(),
});

const sessionFileSchema = z.strictObject({
  format: z.literal(SESSION_FORMAT),
  version: z.literal(SESSION_VERSION),
  scenarioId: z.string().min(1).max(80),
  scenarioHash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected "sha256:" and 64 hex digits'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  decisions: z.array(decisionSchema).max(MAX_DECISIONS),
  savedAt: z.string().max(64).optional(),
});

/** Result of parsing a session file: the file, or one clear sentence saying why not. */
export type SessionFileResult = { ok: true; file: SessionFile } | { ok: false; error: string };

/** A hash shortened for messages ("3f9a1c0b2d4e…"). */
function short(hash: string): string {
  return `${hash.replace(/^sha256:/, '').slice(0, 12)}…`;
}

/** The session file object for a session run on the scenario whose file text is `scenarioText`. */
export function sessionFileOf(
  session: Session,
  scenarioText: string,
  savedAt?: string,
): SessionFile {
  return {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    scenarioId: session.scenario.id,
    scenarioHash: scenarioHash(scenarioText),
    seed: session.seed,
    decisions: session.decisions.map((d) => ({
      seq: d.seq,
      t: d.t,
      command: d.command,
      ...(d.role ? { role: d.role } : {}),
    })),
    ...(savedAt !== undefined ? { savedAt } : {}),
  };
}

/** Serialises a session as session-file JSON text; `savedAt` (ISO time) comes from the host's clock. */
export function serialiseSession(session: Session, scenarioText: string, savedAt?: string): string {
  return `${JSON.stringify(sessionFileOf(session, scenarioText, savedAt), null, 2)}\n`;
}

function issueText(issues: readonly z.core.$ZodIssue[]): string {
  const first = issues[0];
  const path = first.path.map(String).join('.');
  const more =
    issues.length > 1
      ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})`
      : '';
  return `${path ? `${path}: ` : ''}${first.message}${more}`;
}

/**
 * Parses and checks a session file against the scenario it is to be replayed on: format,
 * scenario id and hash, and a decision log in order (seq 0, 1, 2…, times not going back,
 * none after the scenario's end). Refuses with one clear sentence.
 */
export function parseSessionFile(
  text: string,
  scenario: Scenario,
  scenarioText: string,
): SessionFileResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      error: `This is not a session file: it is not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
    };
  }
  if (
    typeof data !== 'object' ||
    data === null ||
    (data as { format?: unknown }).format !== SESSION_FORMAT
  ) {
    return {
      ok: false,
      error: `This is not a session file: "format" must be "${SESSION_FORMAT}".`,
    };
  }
  const parsed = sessionFileSchema.safeParse(data);
  if (!parsed.success)
    return {
      ok: false,
      error: `This session file is malformed: ${issueText(parsed.error.issues)}.`,
    };
  const file = parsed.data as SessionFile;
  if (file.scenarioId !== scenario.id) {
    return {
      ok: false,
      error: `This session was recorded on scenario "${file.scenarioId}", not "${scenario.id}".`,
    };
  }
  const expected = scenarioHash(scenarioText);
  if (file.scenarioHash !== expected) {
    return {
      ok: false,
      error: `This session was recorded on a different version of scenario "${scenario.id}" (hash ${short(expected)}, file has ${short(file.scenarioHash)}).`,
    };
  }
  for (let i = 0; i < file.decisions.length; i++) {
    const d = file.decisions[i];
    if (d.seq !== i)
      return {
        ok: false,
        error: `This session file is malformed: decision ${i} has seq ${d.seq}; seqs must run 0, 1, 2… in order.`,
      };
    if (i > 0 && d.t < file.decisions[i - 1].t) {
      return {
        ok: false,
        error: `This session file is malformed: decision ${i} is at ${d.t} ms, before decision ${i - 1} at ${file.decisions[i - 1].t} ms.`,
      };
    }
    if (d.t > scenario.duration) {
      return {
        ok: false,
        error: `This session file is malformed: decision ${i} is at ${d.t} ms, after the scenario ends at ${scenario.duration} ms.`,
      };
    }
  }
  return { ok: true, file };
}
