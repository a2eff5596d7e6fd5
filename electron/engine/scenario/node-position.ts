import { isAlias, isMap, isNode, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Pair, YAMLMap } from 'yaml';
import type { Target } from './scenario-error';

/** A 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** Returns the 1-based position of an offset into the source. */
export function positionOf(counter: LineCounter, offset: number): Position {
  const { line, col } = counter.linePos(Math.max(0, offset));
  return { line: Math.max(1, line), column: Math.max(1, col) };
}

/** Returns the 1-based position of an offset by counting line breaks (before any parser ran). */
export function positionInText(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(0, offset), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function startOf(node: unknown): number | undefined {
  return isNode(node) ? (node.range?.[0] ?? undefined) : undefined;
}

/** Returns whether a node is an empty scalar (`key:` with nothing after it). */
function isEmpty(node: unknown): boolean {
  return (
    isScalar(node) &&
    node.range !== undefined &&
    node.range !== null &&
    node.range[0] === node.range[1]
  );
}

/** Finds the YAML node behind a data path and returns its line and column. */
export class Locator {
  // Key lookups are indexed per mapping: one error per key of a huge mapping must stay linear.
  private readonly indexes = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly counter: LineCounter,
  ) {}

  private pairOf(map: YAMLMap, key: string): Pair | undefined {
    let index = this.indexes.get(map);
    if (index === undefined) {
      index = new Map();
      for (const pair of map.items) {
        if (isScalar(pair.key)) {
          const name = String(pair.key.value);
          if (!index.has(name)) index.set(name, pair);
        }
      }
      this.indexes.set(map, index);
    }
    return index.get(key);
  }

  /**
   * Returns where the node at a data path starts: the value node by default, the key node for
   * `target: 'key'` or an empty value. When the path does not exist (a missing key), returns
   * the deepest node that does: the key that opens its parent mapping, or the list item.
   */
  locate(path: readonly PropertyKey[], target: Target): Position {
    let node: unknown = this.doc.contents;
    let key: unknown;
    let found = true;
    for (const segment of path) {
      // Follow aliases into the anchored node they stand for.
      const here = isAlias(node) ? node.resolve(this.doc) : node;
      if (isMap(here)) {
        const pair = this.pairOf(here, String(segment));
        if (pair === undefined) {
          found = false;
          break;
        }
        key = pair.key;
        node = pair.value;
      } else if (isSeq(here) && typeof segment === 'number' && segment < here.items.length) {
        key = undefined;
        node = here.items[segment];
      } else {
        found = false;
        break;
      }
    }
    const wantKey = !found || target === 'key' || isEmpty(node) || node === null;
    const offset = (wantKey ? startOf(key) : undefined) ?? startOf(node) ?? 0;
    return positionOf(this.counter, offset);
  }
}
