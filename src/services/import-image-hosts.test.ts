import { describe, expect, it } from 'vitest';
import { ghostImagePath } from './ghost-import.js';
import { uploadsPath } from './wordpress-import.js';

describe('regression: another site’s hotlinked image was replaced by the local file of the same path in --media-dir', () => {
  it('WordPress: only relative URLs and the export’s own hosts are looked up; another site’s /wp-content/uploads/… is kept', () => {
    const site = new Set(['courier.example']);
    expect(uploadsPath('https://other-blog.example/wp-content/uploads/2026/11/hero.jpg', site)).toBeNull();
    expect(uploadsPath('//other-blog.example/wp-content/uploads/2026/11/hero.jpg', site)).toBeNull();
    expect(uploadsPath('https://courier.example/wp-content/uploads/2026/11/hero.jpg', site)).toBe('2026/11/hero.jpg');
    expect(uploadsPath('https://www.courier.example/wp-content/uploads/2026/11/%D1%84.jpg', site)).toBe('2026/11/ф.jpg');
    expect(uploadsPath('/wp-content/uploads/2026/11/hero.jpg', site)).toBe('2026/11/hero.jpg');
  });

  it('Ghost: __GHOST_URL__, relative URLs and the --site-url host only; another site’s /content/images/… is kept', () => {
    expect(ghostImagePath('__GHOST_URL__/content/images/2020/01/hero.jpg')).toBe('2020/01/hero.jpg');
    expect(ghostImagePath('/content/images/2020/01/hero.jpg')).toBe('2020/01/hero.jpg');
    expect(ghostImagePath('https://other.ghost.io/content/images/2020/01/hero.jpg')).toBeNull();
    expect(ghostImagePath('https://other.ghost.io/content/images/2020/01/hero.jpg', new Set(['courier.example']))).toBeNull();
    expect(ghostImagePath('https://courier.example/content/images/2020/01/hero.jpg', new Set(['courier.example']))).toBe('2020/01/hero.jpg');
  });
});
