/** An element of the edit page by its id (null when this page has none). */
export const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T | null;

/** One of the form's fields, which the edit page always renders. */
export const inputById = (id: string) => byId<HTMLInputElement>(id)!;
