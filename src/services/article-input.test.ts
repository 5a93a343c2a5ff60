import { describe, expect, it } from 'vitest';
import type { AppError } from '../errors.js';
import { parseArticleInput } from './article-input.js';

const base = { locale: 'en', headline: 'Harbour reopens', sectionId: 1 };
const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'The ferries run again.' }] }] };

const fieldsOf = (raw: unknown): Record<string, string> => {
  try {
    parseArticleInput(raw);
  } catch (err) {
    expect((err as AppError).code).toBe('VALIDATION_FAILED');
    return (err as AppError).details!.fields as Record<string, string>;
  }
  throw new Error('the input was accepted');
};

describe('parseArticleInput: the body', () => {
  // The body's shape is checked by documentIssues alone: a zod object schema for it copied every top-level block of
  // every body saved (an import saves thousands a minute).
  it('comes back as the caller’s own object when it needs no change, not a copy', () => {
    expect(parseArticleInput({ ...base, body }).body).toBe(body);
  });

  it('refuses a missing body, one that is not a document, and content that is not a list of nodes, each under body', () => {
    expect(fieldsOf(base)).toEqual({ body: expect.stringMatching(/required/) });
    expect(Object.keys(fieldsOf({ ...base, body: 'text' }))).toEqual(['body.type']);
    expect(Object.keys(fieldsOf({ ...base, body: { type: 'doc', content: 'text' } }))).toEqual([expect.stringMatching(/^body\.content/)]);
    expect(Object.keys(fieldsOf({ ...base, body: { type: 'doc', content: [7] } }))).toEqual([expect.stringMatching(/^body\.content\[0\]/)]);
  });

  it('drops the marks a hard break carries, on a copy', () => {
    const marked = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'hardBreak', marks: [{ type: 'bold' }] }] }] };
    const parsed = parseArticleInput({ ...base, body: marked }).body;
    expect(parsed).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'hardBreak' }] }] });
    expect(marked.content[0]!.content[0]).toHaveProperty('marks');
  });
});
