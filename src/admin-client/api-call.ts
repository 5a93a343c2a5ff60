/** An answer's JSON body, read loosely: the editor picks the keys it knows. */
export type Json = Record<string, unknown>;

export type ApiAnswer = { status: number; json: Json };

/** A request to the Admin API as this session; throws only when there is no answer at all (offline). */
export type ApiCall = (method: string, path: string, body?: unknown) => Promise<ApiAnswer>;

/** The editor's one way to call the server: same-origin cookies, JSON both ways, the CSRF token on every write. */
export function apiCall(csrf: string): ApiCall {
  return async function call(method, path, body) {
    const res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json', 'x-csrf-token': csrf } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    let json: Json = {};
    try {
      json = (await res.json()) as Json;
    } catch {
      // An empty or non-JSON answer (a proxy's error page) says no more than its status.
    }
    return { status: res.status, json };
  };
}
