/**
 * A strict JSON (RFC 8259) syntax check. YAML accepts trailing commas, comments and unquoted
 * text that JSON forbids; a `.json` scenario must be JSON that any other tool can also read.
 * A key repeated in one object is refused too: RFC 8259 leaves its meaning open and JSON.parse
 * silently keeps the last, so `"total": 999, "total": 100` would hide an edit.
 */
import { positionInText } from './node-position';

export interface JsonSyntaxError {
  /** Offset into the text, in UTF-16 code units. */
  offset: number;
  message: string;
}

class JsonSyntaxFailure extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/** Describes the character at `offset` for an error message. */
function describeAt(text: string, offset: number): string {
  if (offset >= text.length) return 'end of file';
  return JSON.stringify(text[offset]);
}

class Checker {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {
    if (text.startsWith('\uFEFF')) this.pos = 1;
  }

  run(): void {
    this.skipSpace();
    this.value(0);
    this.skipSpace();
    if (this.pos < this.text.length) this.fail('unexpected text after the JSON value');
  }

  private fail(message: string, offset = this.pos): never {
    throw new JsonSyntaxFailure(offset, message);
  }

  /** Fails at the character just read, which was not `what`. */
  private unexpected(what: string): never {
    const at = this.pos - 1;
    return this.fail(`unexpected ${describeAt(this.text, at)}, expected ${what}`, at);
  }

  /** Fails at a comma that is followed by a closing bracket. */
  private trailingComma(comma: number): never {
    return this.fail('trailing comma: JSON does not allow a comma before a closing bracket', comma);
  }

  private skipSpace(): void {
    const { text } = this;
    while (this.pos < text.length) {
      const ch = text[this.pos];
      if (WHITESPACE.has(ch)) this.pos++;
      else if (ch === '/' && (text[this.pos + 1] === '/' || text[this.pos + 1] === '*')) {
        this.fail('comments are not allowed in JSON');
      } else break;
    }
  }

  private value(depth: number): void {
    const ch = this.text[this.pos];
    if (ch === '{') this.object(depth + 1);
    else if (ch === '[') this.array(depth + 1);
    else if (ch === '"') this.string();
    else if (ch === '-' || (ch >= '0' && ch <= '9')) this.number();
    else if (this.literal('true') || this.literal('false') || this.literal('null')) return;
    else if (ch === "'") this.fail('strings in JSON must use double quotes');
    else this.fail(`unexpected ${describeAt(this.text, this.pos)}, expected a JSON value`);
  }

  private literal(word: string): boolean {
    if (!this.text.startsWith(word, this.pos)) return false;
    this.pos += word.length;
    return true;
  }

  private enter(depth: number): void {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth} levels`);
    this.pos++;
    this.skipSpace();
  }

  private object(depth: number): void {
    this.enter(depth);
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    let comma = -1;
    // Each key as decoded text (so "a" and "\u0061" clash), and where it first appeared.
    const keys = new Map<string, number>();
    for (;;) {
      if (this.text[this.pos] !== '"') {
        if (this.text[this.pos] === '}') this.trailingComma(comma);
        this.fail(`unexpected ${describeAt(this.text, this.pos)}, expected a key in double quotes`);
      }
      const keyStart = this.pos;
      this.string();
      this.checkKey(keys, keyStart);
      this.skipSpace();
      if (this.text[this.pos] !== ':') {
        this.fail(`unexpected ${describeAt(this.text, this.pos)}, expected ":"`);
      }
      this.pos++;
      this.skipSpace();
      this.value(depth);
      this.skipSpace();
      const ch = this.text[this.pos];
      this.pos++;
      if (ch === '}') return;
      if (ch !== ',') this.unexpected('"," or "}"');
      comma = this.pos - 1;
      this.skipSpace();
    }
  }

  /** Records the key just read (from `start`), failing at it when the object already has it. */
  private checkKey(keys: Map<string, number>, start: number): void {
    const raw = this.text.slice(start, this.pos);
    // The string was checked above, so JSON.parse cannot fail; most keys have no escapes.
    const key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    const first = keys.get(key);
    if (first === undefined) {
      keys.set(key, start);
      return;
    }
    const at = positionInText(this.text, first);
    const name =
      key.length > 60 ? `${JSON.stringify(key.slice(0, 60)).slice(0, -1)}…"` : JSON.stringify(key);
    this.fail(
      `duplicate key ${name} (first at line ${at.line}, column ${at.column}): a key may appear once per object`,
      start,
    );
  }

  private array(depth: number): void {
    this.enter(depth);
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    let comma = -1;
    for (;;) {
      if (this.text[this.pos] === ']') this.trailingComma(comma);
      this.value(depth);
      this.skipSpace();
      const ch = this.text[this.pos];
      this.pos++;
      if (ch === ']') return;
      if (ch !== ',') this.unexpected('"," or "]"');
      comma = this.pos - 1;
      this.skipSpace();
    }
  }

  private string(): void {
    const { text } = this;
    const start = this.pos;
    this.pos++;
    while (this.pos < text.length) {
      const ch = text[this.pos];
      if (ch === '"') {
        this.pos++;
        return;
      }
      if (ch === '\\') {
        const next = text[this.pos + 1];
        if (next === 'u') {
          HEX4.lastIndex = this.pos + 2;
          if (!HEX4.test(text)) this.fail('"\\u" must be followed by four hex digits');
          this.pos += 6;
        } else if (next !== undefined && ESCAPES.has(next)) this.pos += 2;
        else this.fail(`invalid escape "\\${next ?? ''}" in a string`);
      } else if (ch < ' ') {
        this.fail('control characters (such as a line break) must be escaped in JSON strings');
      } else this.pos++;
    }
    this.fail('string is not closed', start);
  }

  private number(): void {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match === null) this.fail('invalid number');
    this.pos += match[0].length;
  }
}

/** Returns the first JSON syntax error in `text`, or null when it is strict JSON. */
export function checkJsonSyntax(text: string, maxDepth: number): JsonSyntaxError | null {
  try {
    new Checker(text, maxDepth).run();
    return null;
  } catch (error) {
    if (error instanceof JsonSyntaxFailure) return { offset: error.offset, message: error.message };
    throw error;
  }
}
