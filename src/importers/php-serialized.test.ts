import { describe, expect, it } from 'vitest';
import { parsePhpSerialized, PHP_MAX_BYTES } from './php-serialized.js';

describe('parsePhpSerialized', () => {
  it("reads Polylang's translation group: language → post id", () => {
    const v = parsePhpSerialized('a:2:{s:2:"en";i:41;s:2:"ru";i:42;}');
    expect(v).toEqual(
      new Map<string, unknown>([
        ['en', 41],
        ['ru', 42],
      ]),
    );
  });

  it('counts string lengths in bytes, as PHP does, and reads nested arrays, booleans, null and floats', () => {
    expect(parsePhpSerialized('s:10:"азия;";')).toBeNull();
    expect(parsePhpSerialized('s:9:"азия;";')).toBe('азия;');
    const v = parsePhpSerialized('a:3:{i:0;b:1;i:1;N;s:1:"x";a:1:{s:1:"d";d:0.5;}}') as Map<string, unknown>;
    expect(v.get('0')).toBe(true);
    expect(v.get('1')).toBeNull();
    expect((v.get('x') as Map<string, unknown>).get('d')).toBe(0.5);
  });

  it('refuses objects, truncation, trailing bytes, deep nesting, huge counts and oversized input', () => {
    for (const bad of [
      'O:8:"stdClass":0:{}',
      'a:2:{s:2:"en";i:41;',
      'i:1;garbage',
      's:99:"short";',
      'a:1:{i:0;a:1:{i:0;a:1:{i:0;a:1:{i:0;a:1:{i:0;i:1;}}}}}',
      'a:99999999:{}',
      `s:${PHP_MAX_BYTES}:"${'x'.repeat(PHP_MAX_BYTES)}";`,
      'C:3:"Foo":0:{}',
      'r:1;',
    ])
      expect(parsePhpSerialized(bad), bad).toBeNull();
  });
});
