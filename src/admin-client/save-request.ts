import type { ApiCall, Json } from './api-call.js';
import type { ApiArticle, Payload, SaveOutcome } from './autosave.js';
import { canonical, payloadOf, workingCopy } from './payload.js';

/**
 * One save of the article (PUT on the Admin API), its answer read as what Autosave does next. `live()`: the story is
 * published or scheduled, so the save goes to its pending changes (PUT …/pending) and readers keep the live version.
 */
export function saveRequest(call: ApiCall, api: string, live: () => boolean = () => false): (payload: Payload, baseRevision: number) => Promise<SaveOutcome> {
  return async function send(payload, baseRevision) {
    const { status, json } = await call('PUT', live() ? `${api}/pending` : api, { ...payload, baseRevision });
    if (status === 200) return { kind: 'saved', article: workingCopy(json as ApiArticle) };
    if (status === 409 && json['code'] === 'CONFLICT') {
      const details = (json['details'] as Json | undefined) ?? {};
      const current = workingCopy((json['current'] ?? details['current']) as ApiArticle);
      const { baseRevision: _b, ...sent } = (json['sent'] ?? details['sent'] ?? payload) as Json;
      // The stored version is this very text: an earlier save got through but its answer was lost (a tab closed or
      // the network dropped mid-request). Nothing to choose between.
      if (canonical(payloadOf(current)) === canonical(payload)) return { kind: 'saved', article: current };
      return { kind: 'conflict', current, sent: sent as Payload };
    }
    // The server or a proxy in front of it is down: the same as no network, worth retrying.
    if (status === 0 || status >= 500) return { kind: 'offline' };
    const errors = (json['errors'] as { field: string; detail: string }[] | undefined) ?? [];
    return {
      kind: 'refused',
      status,
      code: String(json['code'] ?? status),
      message: `${String(json['detail'] ?? json['message'] ?? `The server answered ${status}.`)}${errors.length ? ` (${errors.map((e) => `${e.field}: ${e.detail}`).join('; ')})` : ''}`,
      hint:
        status === 401 ? 'Log in again in another tab; your text is kept on this device and saved when you are back.' : (json['hint'] as string | undefined),
    };
  };
}
