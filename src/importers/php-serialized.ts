/*
 * The small part of PHP's serialize() format WordPress plugins leave in an export (Polylang's `post_translations`
 * term: `a:2:{s:2:"en";i:41;s:2:"ru";i:42;}`): arrays, strings, integers, floats, booleans and null. Read without
 * eval, bounded in size, depth and entries; objects (`O:`), references and anything else are refused (null), never
 * instantiated. Pure.
 */

export type PhpValue = string | number | boolean | null | Map<string, PhpValue>;

export const PHP_MAX_BYTES = 64 * 1024;
const MAX_DEPTH = 4;
const MAX_ENTRIES = 1000;

class Refused extends Error {}

/** The value `text` serializes, or null for anything this reader does not take (too big, malformed, an object). */
export function parsePhpSerialized(text: string): PhpValue | null {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length > PHP_MAX_BYTES) return null;
  let at = 0;
  let entries = 0;
  const expect = (ch: string) => {
    if (buf[at] !== ch.charCodeAt(0)) throw new Refused();
    at++;
  };
  const until = (ch: string, max = 20) => {
    const end = buf.indexOf(ch.charCodeAt(0), at);
    if (end === -1 || end - at > max) throw new Refused();
    const s = buf.toString('latin1', at, end);
    at = end + 1;
    return s;
  };
  const int = (s: string) => {
    if (!/^-?[0-9]{1,15}$/.test(s)) throw new Refused();
    return Number(s);
  };
  const value = (depth: number): PhpValue => {
    const type = String.fromCharCode(buf[at] ?? 0);
    at++;
    if (type === 'N') {
      expect(';');
      return null;
    }
    expect(':');
    switch (type) {
      case 'i':
        return int(until(';'));
      case 'b': {
        const b = until(';');
        if (b !== '0' && b !== '1') throw new Refused();
        return b === '1';
      }
      case 'd': {
        const d = until(';', 40);
        if (!/^-?[0-9.eE+-]{1,40}$/.test(d) || !Number.isFinite(Number(d))) throw new Refused();
        return Number(d);
      }
      case 's': {
        const len = int(until(':'));
        if (len < 0 || at + len + 3 > buf.length) throw new Refused();
        expect('"');
        const s = buf.toString('utf8', at, at + len);
        at += len;
        expect('"');
        expect(';');
        return s;
      }
      case 'a': {
        if (depth >= MAX_DEPTH) throw new Refused();
        const n = int(until(':'));
        if (n < 0 || n > MAX_ENTRIES) throw new Refused();
        expect('{');
        const map = new Map<string, PhpValue>();
        for (let i = 0; i < n; i++) {
          if (++entries > MAX_ENTRIES) throw new Refused();
          const key = value(MAX_DEPTH);
          if (typeof key !== 'string' && typeof key !== 'number') throw new Refused();
          map.set(String(key), value(depth + 1));
        }
        expect('}');
        return map;
      }
      default:
        throw new Refused();
    }
  };
  try {
    const v = value(0);
    return at === buf.length ? v : null;
  } catch (err) {
    if (err instanceof Refused) return null;
    throw err;
  }
}
