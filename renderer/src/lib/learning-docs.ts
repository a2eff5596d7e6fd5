import { parseLearningDoc, type LearningDoc } from './learning';

/**
 * The built-in scenarios' learning documents, bundled as text at build time (both the Electron
 * renderer and browser mode) and parsed only when a debrief asks for one.
 */
const files = import.meta.glob<string>('../../../docs/learning/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Document text by scenario id, with the path errors name. */
const texts = new Map(
  Object.entries(files).map(([path, text]) => {
    const fileName = path.slice(path.lastIndexOf('/') + 1);
    return [fileName.replace(/\.md$/, ''), { path: `docs/learning/${fileName}`, text }] as const;
  }),
);

/** A scenario's learning document, the reason it could not be read, or that it has none. */
export type LearningLookup =
  { status: 'ready'; doc: LearningDoc } | { status: 'invalid'; error: string } | { status: 'none' };

const parsed = new Map<string, LearningLookup>();

/** Returns the scenario ids that have a bundled learning document, sorted. */
export function learningDocIds(): string[] {
  return [...texts.keys()].sort();
}

/** Returns whether a scenario id has a bundled learning document. */
export function hasLearningDoc(id: string): boolean {
  return texts.has(id);
}

/** Returns the parsed learning document for a scenario id; parsed once, then cached. */
export function learningDocFor(id: string): LearningLookup {
  const cached = parsed.get(id);
  if (cached) return cached;
  const file = texts.get(id);
  let result: LearningLookup;
  if (!file) result = { status: 'none' };
  else {
    try {
      result = { status: 'ready', doc: parseLearningDoc(file.path, file.text) };
    } catch (e) {
      result = { status: 'invalid', error: e instanceof Error ? e.message : String(e) };
    }
  }
  parsed.set(id, result);
  return result;
}
