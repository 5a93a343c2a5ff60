/** Where share links to previews live on the public site: `/preview/{token}`. */
export const PREVIEW_PREFIX = '/preview/';

export const previewPath = (token: string) => `${PREVIEW_PREFIX}${token}`;
