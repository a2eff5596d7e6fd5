import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Starter scenarios `sim new` can write, by name; each is a file in scenarios/templates/. */
export const TEMPLATES = {
  classifier: 'A binary classifier behind a synchronous API, with a drift fault on one source.',
  'llm-retrieval':
    'An LLM call grounded by retrieval: tokens, retries, a timeout and a fail-open fallback.',
} as const;
export type TemplateName = keyof typeof TEMPLATES;

/** Folder holding the templates, found from this file so any working directory works. */
export const TEMPLATE_DIR = fileURLToPath(new URL('../../scenarios/templates/', import.meta.url));
/** The generated JSON Schema that editors use for autocomplete. */
const SCHEMA_FILE = fileURLToPath(new URL('../../scenarios/scenario.schema.json', import.meta.url));

const SCHEMA_LINE = /^# yaml-language-server: \$schema=.*$/m;
const ID_LINE = /^id: [^\s#]+/m;

export interface NewOptions {
  template: string | undefined;
  out?: string;
  force?: boolean;
}

/** Returns the template's text, or null when there is no such template. */
export function templateText(name: string): string | null {
  if (!Object.hasOwn(TEMPLATES, name)) return null;
  return readFileSync(resolve(TEMPLATE_DIR, `${name}.yaml`), 'utf8');
}

/** A scenario id from a file name: "My Fraud.yaml" → "my-fraud". */
export function idFromFileName(file: string): string {
  const slug = basename(file, extname(file))
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[^a-z_]+/, '')
    .replace(/-+$/, '')
    .slice(0, 80);
  return slug.length > 0 ? slug : 'my-scenario';
}

/**
 * Adapts a template to where it is written: the schema modeline points at the library's
 * JSON Schema from the new file's folder, and the id follows the file name.
 */
export function adaptTemplate(text: string, outFile: string): string {
  let schema = relative(dirname(resolve(outFile)), SCHEMA_FILE)
    .split(sep)
    .join('/');
  if (!schema.startsWith('.')) schema = `./${schema}`;
  return text
    .replace(SCHEMA_LINE, `# yaml-language-server: $schema=${schema}`)
    .replace(ID_LINE, `id: ${idFromFileName(outFile)}`);
}

function usage(): string {
  const names = Object.entries(TEMPLATES)
    .map(([name, what]) => `  ${name.padEnd(14)} ${what}`)
    .join('\n');
  return `usage: npm run sim -- new <template> [--out <file>] [--force]\n\ntemplates:\n${names}\n`;
}

/**
 * `sim new`: writes a commented starter scenario to `--out` (refusing to overwrite unless
 * `--force`), or prints it to stdout. Returns the process exit code.
 */
export function runNew(o: NewOptions): number {
  if (o.template === undefined) {
    process.stderr.write(usage());
    return 2;
  }
  const text = templateText(o.template);
  if (text === null) {
    process.stderr.write(`new: there is no template "${o.template}"\n\n${usage()}`);
    return 2;
  }
  if (o.out === undefined) {
    process.stdout.write(text);
    return 0;
  }
  if (existsSync(o.out) && !o.force) {
    process.stderr.write(`new: ${o.out} already exists; pass --force to overwrite it\n`);
    return 1;
  }
  mkdirSync(dirname(resolve(o.out)), { recursive: true });
  writeFileSync(o.out, adaptTemplate(text, o.out));
  process.stdout.write(
    `wrote ${o.out} from the "${o.template}" template\n` +
      `next: npm run sim -- check ${o.out}\n` +
      `      npm run sim -- preview ${o.out}\n`,
  );
  return 0;
}
