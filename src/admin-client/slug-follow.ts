import { slugFromHeadline } from '../content/slug.js';
import { inputById } from './by-id.js';

/**
 * A new article's slug follows its headline as it is typed (the page says so in data-slug-follows) until the editor
 * types a slug of their own or restores one.
 */
export function slugFollow(form: HTMLFormElement) {
  let follows = form.dataset['slugFollows'] === 'true';
  return {
    /** An input in the form: the slug field stops the following, the headline field is followed. */
    input(t: HTMLElement) {
      if (t.id === 'slug') follows = false;
      if (t.id === 'headline' && follows) inputById('slug').value = slugFromHeadline(inputById('headline').value);
    },
    stop() {
      follows = false;
    },
  };
}
