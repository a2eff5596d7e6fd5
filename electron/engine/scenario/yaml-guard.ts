import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Alias, CST, Document, Node } from 'yaml';

/** Limits on the shape of a scenario file, checked before anything walks it recursively. */
export const SHAPE_LIMITS = {
  /** Nested lists and mappings; real scenarios need about ten. */
  maxDepth: 64,
  /** Scalars, aliases and collections, counting alias expansions. */
  maxNodes: 250_000,
  /** Aliases (`*name`) in one file. */
  maxAliases: 50,
} as const;

/** A problem found by a guard, at an offset into the text. */
export interface GuardIssue {
  offset: number;
  message: string;
}

/** Tags of the YAML core schema: they only say which plain type a value has. */
const ALLOWED_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq']);
const CORE_PREFIX = 'tag:yaml.org,2002:';

/** Returns whether a tag, as written (`!!str`, `!<tag:yaml.org,2002:str>`, `!`), is allowed. */
function isAllowedTag(source: string): boolean {
  if (source === '!') return true; // the non-specific tag: "plain text"
  if (source.startsWith('!!')) return ALLOWED_TAGS.has(source.slice(2));
  if (source.startsWith(`!<${CORE_PREFIX}`) && source.endsWith('>')) {
    return ALLOWED_TAGS.has(source.slice(CORE_PREFIX.length + 2, -1));
  }
  return false;
}

type Frame = { token: CST.Token; depth: number };

/** Returns the source tokens (indicators, anchors, tags, comments) that a CST token carries. */
function propsOf(token: CST.Token): CST.SourceToken[] {
  switch (token.type) {
    case 'document':
      return [...token.start, ...(token.end ?? [])];
    case 'block-map':
    case 'block-seq':
      return token.items.flatMap((item) => [
        ...item.start,
        ...('sep' in item ? (item.sep ?? []) : []),
      ]);
    case 'flow-collection':
      return [
        token.start,
        ...token.items.flatMap((item) => [...item.start, ...(item.sep ?? [])]),
        ...token.end,
      ];
    case 'block-scalar':
      return token.props.filter((p): p is CST.SourceToken => 'indent' in p && 'source' in p);
    case 'alias':
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
      return token.end ?? [];
    default:
      return [];
  }
}

/** Returns the child nodes of a CST token. */
function childrenOf(token: CST.Token): CST.Token[] {
  switch (token.type) {
    case 'document':
      return token.value ? [token.value] : [];
    case 'block-map':
    case 'block-seq':
    case 'flow-collection': {
      const children: CST.Token[] = [];
      for (const item of token.items) {
        if (item.key) children.push(item.key);
        if (item.value) children.push(item.value);
      }
      return children;
    }
    default:
      return [];
  }
}

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);
const NODES = new Set([
  'block-map',
  'block-seq',
  'flow-collection',
  'alias',
  'scalar',
  'single-quoted-scalar',
  'double-quoted-scalar',
  'block-scalar',
]);

/** Result of walking the syntax tree: `fatal` stops loading before the tree is composed. */
export interface TokenCheck {
  fatal: GuardIssue | null;
  issues: GuardIssue[];
  /** Start offset of each quoted scalar by its end offset, to place "unclosed quote" errors. */
  quotedStarts: Map<number, number>;
}

/**
 * Walks the concrete syntax tree without recursion and returns a fatal issue when nesting, node
 * count or alias count exceed SHAPE_LIMITS, plus one issue per tag that is not a plain type.
 * The YAML composer recurses per nesting level, so this must run before it does.
 */
export function checkTokens(tokens: readonly CST.Token[]): TokenCheck {
  const issues: GuardIssue[] = [];
  const quotedStarts = new Map<number, number>();
  const stack: Frame[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) stack.push({ token: tokens[i], depth: 0 });
  let nodes = 0;
  let aliases = 0;
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const { token, depth } = frame;
    if (NODES.has(token.type) && ++nodes > SHAPE_LIMITS.maxNodes) {
      return fatal(token, `the file has more than ${SHAPE_LIMITS.maxNodes} values`);
    }
    if (token.type === 'single-quoted-scalar' || token.type === 'double-quoted-scalar') {
      quotedStarts.set(token.offset + token.source.length, token.offset);
    }
    if (token.type === 'alias' && ++aliases > SHAPE_LIMITS.maxAliases) {
      return fatal(token, `the file uses more than ${SHAPE_LIMITS.maxAliases} aliases`);
    }
    const inner = COLLECTIONS.has(token.type) ? depth + 1 : depth;
    if (inner > SHAPE_LIMITS.maxDepth) {
      return fatal(token, `lists and mappings are nested more than ${SHAPE_LIMITS.maxDepth} deep`);
    }
    for (const prop of propsOf(token)) {
      if (prop.type === 'tag' && !isAllowedTag(prop.source)) {
        issues.push({
          offset: prop.offset,
          message: `the tag ${prop.source} is not allowed: a scenario holds plain text, numbers, booleans, lists and mappings`,
        });
      }
    }
    const children = childrenOf(token);
    // Reverse so the stack pops children in document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push({ token: children[i], depth: inner });
  }
  return { fatal: null, issues, quotedStarts };
}

function fatal(token: CST.Token, message: string): TokenCheck {
  return { fatal: { offset: token.offset, message }, issues: [], quotedStarts: new Map() };
}

/** A problem with an alias, at the alias node. */
export interface AliasIssue {
  node: Alias;
  message: string;
}

class AliasFailure extends Error {
  constructor(readonly issue: AliasIssue) {
    super(issue.message);
  }
}

/**
 * Returns the first alias problem in a composed document: an alias to an unknown anchor, an
 * alias inside the node it names (a cycle), or aliases that expand the document beyond
 * SHAPE_LIMITS.maxNodes ("billion laughs"). Expanded sizes are memoised per anchored node.
 */
export function checkAliases(doc: Document.Parsed): AliasIssue | null {
  const sizes = new Map<Node, number>();
  const inProgress = new Set<Node>();
  // Alias.resolve searches the whole document, so each alias is resolved once.
  const targets = new Map<Alias, Node>();

  const resolve = (alias: Alias): Node => {
    const target = targets.get(alias) ?? alias.resolve(doc);
    if (target === undefined) {
      throw new AliasFailure({
        node: alias,
        message: `the alias *${alias.source} names no anchor above it`,
      });
    }
    targets.set(alias, target);
    return target;
  };

  const sizeOf = (node: unknown): number => {
    if (isAlias(node)) {
      const target = resolve(node);
      if (inProgress.has(target)) {
        throw new AliasFailure({
          node,
          message: `the alias *${node.source} is inside the node it names, which would never end`,
        });
      }
      return sizeOf(target);
    }
    if (!isMap(node) && !isSeq(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    inProgress.add(node);
    let size = 1;
    for (const item of node.items) {
      size += isPair(item) ? sizeOf(item.key) + sizeOf(item.value) : sizeOf(item);
    }
    inProgress.delete(node);
    sizes.set(node, size);
    return size;
  };

  let total = 0;
  // Walks in document order so the issue points at the alias where the size limit is crossed.
  const visit = (node: unknown): void => {
    if (isAlias(node)) {
      total += sizeOf(node);
      if (total > SHAPE_LIMITS.maxNodes) {
        throw new AliasFailure({
          node,
          message: `aliases expand the file to more than ${SHAPE_LIMITS.maxNodes} values`,
        });
      }
      return;
    }
    total += 1;
    if (!isMap(node) && !isSeq(node)) return;
    inProgress.add(node);
    for (const item of node.items) {
      if (isPair(item)) {
        visit(item.key);
        visit(item.value);
      } else visit(item);
    }
    inProgress.delete(node);
  };

  try {
    if (isScalar(doc.contents) || doc.contents === null) return null;
    visit(doc.contents);
    return null;
  } catch (error) {
    if (error instanceof AliasFailure) return error.issue;
    throw error;
  }
}

/**
 * Returns one issue per repeated key in any mapping, at the repeat. Linear, unlike the YAML
 * library's `uniqueKeys`, which compares each key with all before it (12 s for 25 000 keys).
 * Keys are compared as the text they become in data, so `1` and `"1"` clash as they would there.
 */
export function findDuplicateKeys(doc: Document.Parsed): GuardIssue[] {
  const issues: GuardIssue[] = [];
  const visitNode = (node: unknown): void => {
    if (isSeq(node)) {
      node.items.forEach(visitNode);
      return;
    }
    if (!isMap(node)) return;
    const seen = new Set<string>();
    for (const pair of node.items) {
      if (isScalar(pair.key)) {
        const name = String(pair.key.value);
        if (seen.has(name)) {
          issues.push({
            offset: pair.key.range?.[0] ?? 0,
            message: `duplicate key "${name}": a key may appear once per mapping`,
          });
        }
        seen.add(name);
      }
      visitNode(pair.key);
      visitNode(pair.value);
    }
  };
  visitNode(doc.contents);
  return issues;
}
