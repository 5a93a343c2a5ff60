import { describe, it, expect } from 'vitest';
import { demoContent } from './demo-content.js';
import type { DemoStory, DemoVersion } from './demo-types.js';

const { sections, contributors, partners, images, stories } = demoContent;
const versions: { story: DemoStory; version: DemoVersion }[] = stories.flatMap((story) => story.versions.map((version) => ({ story, version })));
const label = (s: DemoStory, v: DemoVersion) => `${s.key}/${v.locale}`;
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CYRILLIC = /[\u0400-\u04FF]/;

describe('demo content: size and spread', () => {
  it('has at least 40 versions across at least 30 stories', () => {
    expect(versions.length).toBeGreaterThanOrEqual(40);
    expect(stories.length).toBeGreaterThanOrEqual(30);
  });

  it('has at least 10 stories with both an en and a ru version', () => {
    const both = stories.filter((s) => {
      const locales = new Set(s.versions.map((v) => v.locale));
      return locales.has('en') && locales.has('ru');
    });
    expect(both.length).toBeGreaterThanOrEqual(10);
  });

  it('has stories only in en and stories only in ru', () => {
    const only = (l: string) => stories.filter((s) => s.versions.every((v) => v.locale === l)).length;
    expect(only('en')).toBeGreaterThan(0);
    expect(only('ru')).toBeGreaterThan(0);
  });

  it('spreads stories over at least 14 days within the last 30, at valid hours', () => {
    expect(new Set(stories.map((s) => s.daysAgo)).size).toBeGreaterThanOrEqual(14);
    for (const s of stories) {
      expect(s.daysAgo, s.key).toBeGreaterThanOrEqual(0);
      expect(s.daysAgo, s.key).toBeLessThanOrEqual(30);
      expect(Number.isInteger(s.hour) && s.hour >= 0 && s.hour <= 23, s.key).toBe(true);
    }
  });

  it('uses every section and every contributor', () => {
    const usedSections = new Set(stories.map((s) => s.section));
    for (const sec of sections) expect(usedSections.has(sec.slug), sec.slug).toBe(true);
    const usedContributors = new Set(versions.flatMap(({ version }) => version.contributors.map((c) => c.slug)));
    for (const c of contributors) expect(usedContributors.has(c.slug), c.slug).toBe(true);
  });
});

describe('demo content: keys and references', () => {
  it('has unique, kebab-case keys', () => {
    for (const list of [
      sections.map((s) => s.slug),
      contributors.map((c) => c.slug),
      partners.map((p) => p.key),
      images.map((i) => i.key),
      stories.map((s) => s.key),
    ]) {
      expect(new Set(list).size).toBe(list.length);
      for (const key of list) expect(key).toMatch(KEBAB);
    }
  });

  it('names each section in en, ru and kk', () => {
    for (const s of sections) {
      expect(s.names.en.length).toBeGreaterThan(0);
      expect(s.names.ru).toMatch(CYRILLIC);
      expect(s.names.kk).toMatch(CYRILLIC);
    }
  });

  it('describes partners and images fully', () => {
    for (const p of partners) {
      expect(p.url).toMatch(/^https:\/\/[a-z0-9-]+\.example$/);
      expect(p.licence.length).toBeGreaterThan(20);
    }
    expect(partners.some((p) => p.locale === 'ru')).toBe(true);
    for (const i of images) {
      expect([i.width, i.height]).toEqual([1200, 675]);
      expect(i.hue >= 0 && i.hue <= 359).toBe(true);
    }
  });

  it('references only existing sections, contributors, partners and images', () => {
    const sectionSet = new Set(sections.map((s) => s.slug));
    const contributorSet = new Set(contributors.map((c) => c.slug));
    const partnerSet = new Set(partners.map((p) => p.key));
    const imageSet = new Set(images.map((i) => i.key));
    for (const s of stories) expect(sectionSet.has(s.section), s.key).toBe(true);
    for (const { story, version } of versions) {
      for (const c of version.contributors) expect(contributorSet.has(c.slug), `${label(story, version)} ${c.slug}`).toBe(true);
      if (version.source) expect(partnerSet.has(version.source.partner), label(story, version)).toBe(true);
      if (version.hero) expect(imageSet.has(version.hero.image), label(story, version)).toBe(true);
    }
  });
});

describe('demo content: versions', () => {
  it('gives every version an author or an original author', () => {
    for (const { story, version } of versions) {
      const roles = version.contributors.map((c) => c.role);
      expect(roles.includes('author') || roles.includes('original_author'), label(story, version)).toBe(true);
    }
  });

  it('has at most one version per locale per story', () => {
    for (const s of stories) {
      const locales = s.versions.map((v) => v.locale);
      expect(new Set(locales).size, s.key).toBe(locales.length);
    }
  });

  it('credits a translator and a delay on the later version of every bilingual story', () => {
    for (const s of stories) {
      if (s.versions.length < 2) continue;
      const [, ...later] = s.versions;
      for (const v of later) {
        expect(v.delayMinutes ?? 0, label(s, v)).toBeGreaterThan(0);
        expect(
          v.contributors.some((c) => c.role === 'translator'),
          label(s, v),
        ).toBe(true);
      }
    }
  });

  it('fills in the fields each version needs', () => {
    for (const { story, version } of versions) {
      const at = label(story, version);
      expect(version.headline.trim().length, at).toBeGreaterThan(10);
      expect(version.deck.trim().length, at).toBeGreaterThan(20);
      expect(version.dateline.trim().length, at).toBeGreaterThan(0);
      expect(version.tags.length >= 1 && version.tags.length <= 4, at).toBe(true);
      expect(version.body.split(/\n\s*\n/).length, at).toBeGreaterThanOrEqual(3);
      if (version.locale === 'ru') {
        expect(version.headline, at).toMatch(CYRILLIC);
        expect(version.dateline, at).toMatch(CYRILLIC);
      }
    }
    const withHero = versions.filter(({ version }) => version.hero).length;
    expect(withHero / versions.length).toBeGreaterThan(0.5);
  });

  it('never repeats a headline within a locale', () => {
    const seen = new Map<string, string>();
    for (const { story, version } of versions) {
      const key = `${version.locale}:${version.headline.trim().toLowerCase()}`;
      expect(seen.get(key), `${label(story, version)} repeats ${seen.get(key)}`).toBeUndefined();
      seen.set(key, label(story, version));
    }
  });
});

describe('demo content: the seed-shaped summit story', () => {
  const summit = stories[0]!;
  const en = summit.versions.find((v) => v.locale === 'en')!;
  const ru = summit.versions.find((v) => v.locale === 'ru')!;
  const roles = (v: DemoVersion) => v.contributors.map((c) => c.role);

  it('is the first story, published a day ago, with a Russian original first', () => {
    expect(summit.key).toBe('summit-joint-statement');
    expect(summit.daysAgo).toBe(1);
    expect(summit.versions[0]!.locale).toBe('ru');
    expect(roles(ru)).toContain('original_author');
    expect(en.delayMinutes ?? 0).toBeGreaterThanOrEqual(120);
  });

  it('attributes both versions to the Russian partner', () => {
    const partner = partners.find((p) => p.key === en.source?.partner);
    expect(partner?.locale).toBe('ru');
    expect(ru.source?.partner).toBe(partner?.key);
    expect(en.source?.headline).toMatch(CYRILLIC);
    expect(en.source?.url).toMatch(/^https:\/\//);
    expect(en.deck).toContain(partner!.name);
  });

  it('has eight or more subheaded sections, each quoting the statement', () => {
    const lines = en.body.split('\n');
    expect(lines.filter((l) => l.startsWith('## ')).length).toBeGreaterThanOrEqual(8);
    const sectionsOfBody = en.body.split(/^## /m).slice(1);
    for (const part of sectionsOfBody) expect(/^> |\u201c[^\u201d]+\u201d/m.test(part), part.slice(0, 40)).toBe(true);
  });

  it('credits an original author, a translator and an editor, and carries a correction', () => {
    expect(roles(en)).toEqual(expect.arrayContaining(['original_author', 'translator', 'editor']));
    expect(en.corrections?.length ?? 0).toBeGreaterThanOrEqual(1);
    expect(en.corrections![0]!.hoursAfter).toBe(6);
    expect(en.hero?.credit.startsWith('Screenshot:')).toBe(true);
  });
});
