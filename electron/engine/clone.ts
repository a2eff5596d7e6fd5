/**
 * Deep copies of engine state, for forking a run (see `Session.fork`): a copy keeps every
 * object's prototype, Maps, Sets, typed arrays (views of one buffer stay views of one copied
 * buffer), shared references and cycles, so the copy runs on exactly as the original would.
 *
 * The copy should also run as fast. V8 compiles the engine's hot loops for the object layouts
 * ("maps") it has seen; an object made with `Object.create` has another layout than one made by
 * its class's constructor, and code that sees both is slower (up to 2× on the engine). So:
 * - a copy can be poured into a `counterpart`, a freshly constructed graph of the same shape
 *   (e.g. a new Session): where the original has a class instance, Map, Set or typed array and
 *   the counterpart has one of the same kind at the same path (shortest path first), that
 *   object is overwritten and reused;
 * - class instances made later in a run (no counterpart) are made by a `blanks` factory for
 *   their class when there is one, and only otherwise by `Object.create`;
 * - plain objects and arrays are copied by spread and `slice`, which keep their layout.
 *
 * Engine state is plain data by design: a function met on the way (a closure could capture the
 * original object, and the copy would then act on it) is an error, as are weak collections and
 * accessor properties, whose state cannot be copied faithfully.
 */

/** Why a graph could not be copied, with the path to the offending value. */
export class CloneError extends Error {
  constructor(message: string, path: readonly string[]) {
    super(`${message} at ${path.length > 0 ? path.join('.') : '(root)'}`);
    this.name = 'CloneError';
  }
}

/** Makes an instance of a class (any state: the copy overwrites every own property). */
export type Blanks = ReadonlyMap<unknown, () => object>;

export interface CloneOptions<T> {
  /** Kept by reference with everything reachable from them (e.g. the scenario). */
  shared?: readonly unknown[];
  /** A fresh graph whose objects the copy reuses (see above); unusable afterwards. */
  counterpart?: T;
  /** Factories for classes whose instances may have no counterpart, by constructor. */
  blanks?: Blanks;
  /** Told the path of each class instance made with `Object.create` (for tests). */
  onFallback?: (className: string, path: string) => void;
}

/** Deep copy of `root` (see above). */
export function deepClone<T>(root: T, options: CloneOptions<T> = {}): T {
  const cloner = new Cloner(options);
  if (options.counterpart !== undefined) cloner.pair(root, options.counterpart);
  return cloner.copy(root) as T;
}

type Obj = Record<PropertyKey, unknown>;

function isObject(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

/** Whether a counterpart of this kind is reused in place (plain objects and arrays are not). */
function reusable(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto !== Object.prototype && proto !== Array.prototype && !(v instanceof Date);
}

class Cloner {
  /** Original → copy (shared objects map to themselves). */
  private readonly memo = new Map<unknown, unknown>();
  /** Original → the counterpart object it reuses. */
  private readonly pairs = new Map<object, object>();
  /** Counterpart objects already paired, and shared ones (never overwritten). */
  private readonly claimed = new Set<unknown>();
  private readonly path: string[] = [];

  constructor(private readonly options: CloneOptions<unknown>) {
    const stack: unknown[] = [...(options.shared ?? [])];
    while (stack.length > 0) {
      const v = stack.pop();
      if ((!isObject(v) && typeof v !== 'function') || v === null || this.memo.has(v)) continue;
      this.memo.set(v, v);
      this.claimed.add(v);
      if (v instanceof Map) for (const [k, x] of v) stack.push(k, x);
      else if (v instanceof Set) for (const x of v) stack.push(x);
      if (ArrayBuffer.isView(v)) continue;
      for (const key of Reflect.ownKeys(v)) {
        const d = Object.getOwnPropertyDescriptor(v, key);
        if (d !== undefined && 'value' in d) stack.push(d.value);
      }
    }
  }

  /** Pairs objects of `root` with those at the same paths in `counterpart`, breadth first. */
  pair(root: unknown, counterpart: unknown): void {
    const queue: [unknown, unknown][] = [[root, counterpart]];
    const visited = new Set<unknown>();
    for (let q = 0; q < queue.length; q++) {
      const [v, cp] = queue[q];
      if (!isObject(v) || !isObject(cp) || visited.has(v) || this.memo.has(v)) continue;
      if (this.pairs.has(v)) continue;
      visited.add(v);
      if (Object.getPrototypeOf(v) !== Object.getPrototypeOf(cp)) continue;
      if (reusable(v)) {
        if (this.claimed.has(cp) || v === cp) continue;
        if (ArrayBuffer.isView(v)) {
          const c = cp as ArrayBufferView;
          if (c.byteOffset !== v.byteOffset || c.byteLength !== v.byteLength) continue;
          queue.push([v.buffer, c.buffer]);
        } else if (v instanceof ArrayBuffer) {
          if ((cp as ArrayBuffer).byteLength !== v.byteLength) continue;
        }
        this.claimed.add(cp);
        this.pairs.set(v, cp);
      }
      if (v instanceof Map) {
        const c = cp as Map<unknown, unknown>;
        for (const [k, x] of v) queue.push([x, c.get(k)]);
      } else if (v instanceof Set || ArrayBuffer.isView(v) || v instanceof ArrayBuffer) continue;
      for (const key of Reflect.ownKeys(v)) queue.push([(v as Obj)[key], (cp as Obj)[key]]);
    }
  }

  copy(v: unknown): unknown {
    if (!isObject(v)) {
      if (typeof v !== 'function' || this.memo.has(v)) return v;
      throw new CloneError('Cannot copy a function (a closure may capture state)', this.path);
    }
    const seen = this.memo.get(v);
    if (seen !== undefined) return seen;
    const target = this.pairs.get(v);

    if (v instanceof ArrayBuffer) {
      let out: ArrayBuffer;
      if (target !== undefined) {
        out = target as ArrayBuffer;
        new Uint8Array(out).set(new Uint8Array(v));
      } else out = v.slice(0);
      this.memo.set(v, out);
      return out;
    }
    if (ArrayBuffer.isView(v)) {
      if (!(v.buffer instanceof ArrayBuffer))
        throw new CloneError('Cannot copy a shared buffer', this.path);
      const buffer = this.copy(v.buffer) as ArrayBuffer;
      const t = target as ArrayBufferView | undefined;
      const Ctor = v.constructor as new (b: ArrayBuffer, offset: number, length: number) => object;
      const length = v instanceof DataView ? v.byteLength : (v as Uint8Array).length;
      const out = t?.buffer === buffer ? t : new Ctor(buffer, v.byteOffset, length);
      this.memo.set(v, out);
      return out;
    }
    if (
      v instanceof WeakMap ||
      v instanceof WeakSet ||
      v instanceof WeakRef ||
      v instanceof Promise ||
      // Pages without cross-origin isolation (browser mode) have no SharedArrayBuffer at all.
      (typeof SharedArrayBuffer !== 'undefined' && v instanceof SharedArrayBuffer)
    )
      throw new CloneError(`Cannot copy a ${v.constructor.name}`, this.path);

    const proto = Object.getPrototypeOf(v) as object | null;
    let out: object;
    if (v instanceof Map) {
      const m = (target as Map<unknown, unknown> | undefined) ?? new Map<unknown, unknown>();
      if (Object.getPrototypeOf(m) !== proto) Object.setPrototypeOf(m, proto);
      m.clear();
      this.memo.set(v, m);
      for (const [k, x] of v) {
        const key = this.copy(k);
        this.path.push(String(k));
        m.set(key, this.copy(x));
        this.path.pop();
      }
      out = m;
    } else if (v instanceof Set) {
      const s = (target as Set<unknown> | undefined) ?? new Set<unknown>();
      if (Object.getPrototypeOf(s) !== proto) Object.setPrototypeOf(s, proto);
      s.clear();
      this.memo.set(v, s);
      for (const x of v) s.add(this.copy(x));
      out = s;
    } else if (v instanceof Date) {
      out = new Date(v.getTime());
      this.memo.set(v, out);
    } else if (Array.isArray(v)) {
      // slice keeps the array's layout and elements kind.
      const a = v.slice();
      if (Object.getPrototypeOf(a) !== proto) Object.setPrototypeOf(a, proto);
      this.memo.set(v, a);
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (isObject(x) || typeof x === 'function') a[i] = this.copy(x);
      }
      out = a;
    } else if (proto === Object.prototype && Object.isExtensible(v) && allPlain(v)) {
      // Spread keeps a plain object's layout; objects inside are copied below.
      const o: Obj = { ...(v as Obj) };
      this.memo.set(v, o);
      for (const key of Object.keys(o)) {
        const x = o[key];
        if (isObject(x) || typeof x === 'function') {
          this.path.push(key);
          o[key] = this.copy(x);
          this.path.pop();
        }
      }
      return o;
    } else {
      out = target ?? this.blank(v, proto);
      this.memo.set(v, out);
    }
    this.copyOwnProperties(v, out);
    if (Object.isFrozen(v)) Object.freeze(out);
    else if (Object.isSealed(v)) Object.seal(out);
    else if (!Object.isExtensible(v)) Object.preventExtensions(out);
    return out;
  }

  private blank(v: object, proto: object | null): object {
    const ctor = (proto as { constructor?: unknown } | null)?.constructor;
    const make = this.options.blanks?.get(ctor);
    if (make !== undefined) {
      const out = make();
      // The blank's own objects serve the copy's (e.g. a sketch's mapping and stores).
      this.pair(v, out);
      return out;
    }
    this.options.onFallback?.(
      typeof ctor === 'function' ? ctor.name : String(ctor),
      this.path.join('.'),
    );
    return Object.create(proto) as object;
  }

  /** Copies own properties other than array elements (already copied). */
  private copyOwnProperties(v: object, out: object): void {
    const isArray = Array.isArray(v);
    const target = out as Obj;
    for (const key of Reflect.ownKeys(v)) {
      if (isArray && (key === 'length' || (typeof key === 'string' && isIndex(key)))) continue;
      const d = Object.getOwnPropertyDescriptor(v, key)!;
      this.path.push(typeof key === 'symbol' ? key.toString() : key);
      if (!('value' in d)) throw new CloneError('Cannot copy an accessor property', this.path);
      const value = this.copy(d.value);
      this.path.pop();
      if (d.writable && d.enumerable && d.configurable) target[key] = value;
      else Object.defineProperty(out, key, { ...d, value });
    }
  }
}

/** Whether every own property is a plain enumerable, writable data property (spread-safe). */
function allPlain(v: object): boolean {
  for (const key of Reflect.ownKeys(v)) {
    const d = Object.getOwnPropertyDescriptor(v, key)!;
    if (typeof key === 'symbol' || !('value' in d) || !d.enumerable || !d.writable) return false;
  }
  return true;
}

function isIndex(key: string): boolean {
  const n = Number(key);
  return Number.isInteger(n) && n >= 0 && String(n) === key;
}
