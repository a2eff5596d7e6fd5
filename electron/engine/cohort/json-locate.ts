/**
 * Finds where a data path sits in JSON text, for error messages with a line and a column. One
 * forward scan that steps over everything off the path, so a problem deep in a 5 MiB file is
 * placed in milliseconds (building a full document tree for the same takes seconds).
 */

const SPACE = new Set([' ', '\t', '\n', '\r']);
const END_OF_LITERAL = new Set([',', '}', ']', ' ', '\t', '\n', '\r']);

class Scanner {
  pos: number;

  constructor(private readonly text: string) {
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  space(): void {
    while (this.pos < this.text.length && SPACE.has(this.text[this.pos])) this.pos++;
  }

  /** Steps over a string, the cursor on its opening quote. */
  skipString(): void {
    const { text } = this;
    this.pos++;
    while (this.pos < text.length) {
      const ch = text[this.pos];
      if (ch === '\\') this.pos += 2;
      else {
        this.pos++;
        if (ch === '"') return;
      }
    }
  }

  /** Reads a string, the cursor on its opening quote. */
  readString(): string {
    const start = this.pos;
    this.skipString();
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  /** Steps over one value of any kind. */
  skipValue(): void {
    const { text } = this;
    this.space();
    const first = text[this.pos];
    if (first === '"') return this.skipString();
    if (first !== '{' && first !== '[') {
      while (this.pos < text.length && !END_OF_LITERAL.has(text[this.pos])) this.pos++;
      return;
    }
    let depth = 0;
    while (this.pos < text.length) {
      const ch = text[this.pos];
      if (ch === '"') {
        this.skipString();
        continue;
      }
      this.pos++;
      if (ch === '{' || ch === '[') depth++;
      else if ((ch === '}' || ch === ']') && --depth === 0) return;
    }
  }

  /** Steps past a comma after a member, if there is one. */
  skipComma(): void {
    this.space();
    if (this.text[this.pos] === ',') this.pos++;
  }

  /** Moves to the value of `key` in the object at the cursor; returns the key's offset or -1. */
  member(key: string): number {
    this.pos++; // '{'
    for (;;) {
      this.space();
      if (this.pos >= this.text.length || this.text[this.pos] !== '"') return -1;
      const keyAt = this.pos;
      const name = this.readString();
      this.space();
      this.pos++; // ':'
      this.space();
      if (name === key) return keyAt;
      this.skipValue();
      this.skipComma();
    }
  }

  /** Moves to item `index` of the array at the cursor; returns whether it exists. */
  item(index: number): boolean {
    this.pos++; // '['
    for (let i = 0; ; i++) {
      this.space();
      if (this.pos >= this.text.length || this.text[this.pos] === ']') return false;
      if (i === index) return true;
      this.skipValue();
      this.skipComma();
    }
  }
}

/**
 * Returns the offset (UTF-16 code units) where the value at `path` starts in `text`, which must
 * be valid JSON. When the path does not exist — a missing field — returns the offset of the
 * deepest part that does: the key that opens its parent object, or the list item.
 */
export function jsonOffsetOf(text: string, path: readonly PropertyKey[]): number {
  const s = new Scanner(text);
  s.space();
  let value = s.pos;
  let key = -1;
  for (const segment of path) {
    s.space();
    const open = text[s.pos];
    if (open === '{' && typeof segment !== 'symbol') {
      const at = s.member(String(segment));
      if (at < 0) return key >= 0 ? key : value;
      key = at;
    } else if (open === '[' && typeof segment === 'number') {
      if (!s.item(segment)) return key >= 0 ? key : value;
      key = -1;
    } else return key >= 0 ? key : value;
    value = s.pos;
  }
  return value;
}
