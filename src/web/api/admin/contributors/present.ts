import type { ContributorListRow } from '../../../../services/contributors.js';

/** A contributor as the API shows it: what a byline needs (`id`) and what people read (`name`, `slug`). */
export const presentContributor = (c: ContributorListRow) => ({ id: c.id, slug: c.slug, name: c.name });
