import { describe, expect, it } from 'vitest';
import { etagMatches, negotiate } from './fast-path.js';

describe('negotiate', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.0, gzip;q=0', 'identity'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['deflate', 'identity'],
    ['BR', 'br'],
    ['gzip;q=garbage, br;q=nope', 'identity'],
    ['identity;q=0, gzip', 'gzip'],
  ] as const)('%j -> %s', (header, expected) => {
    expect(negotiate(header)).toBe(expected);
  });
});

describe('etagMatches', () => {
  it.each([
    ['"abc"', true],
    ['"abc-br"', true],
    ['"abc-gz"', true],
    ['W/"abc"', true],
    ['"x", "abc-br"', true],
    ['*', true],
    ['"abcd"', false],
    ['"ab"', false],
    ['', false],
  ])('%j', (header, expected) => {
    expect(etagMatches(header, 'abc')).toBe(expected);
  });
});
