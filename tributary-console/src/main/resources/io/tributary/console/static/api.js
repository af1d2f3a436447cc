// The console's JSON API (/console/api): same-origin fetches with the session cookie, the CSRF token on every
// changing call, and errors as ApiError carrying Kafka's error code, shown in the page's banner.

let current = null;

/** An API call that failed: the HTTP status, the server's message and Kafka's error name (e.g. TOPIC_AUTHORIZATION_FAILED). */
export class ApiError extends Error {
  constructor(status, message, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The session as GET /session last described it: {loginRequired, authenticated, user, csrfToken, readOnly}. */
export function session() {
  return current;
}

export async function loadSession() {
  current = await request('GET', 'session');
  return current;
}

export function setSession(value) {
  current = value;
}

export async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (current?.csrfToken) headers['X-CSRF-Token'] = current.csrfToken;
  }
  let response;
  try {
    response = await fetch(`api/${path}`, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, `The console cannot reach the broker: ${e.message}`, 'NETWORK_ERROR');
  }
  let data = null;
  const text = await response.text();
  if (text) {
    try { data = JSON.parse(text); } catch { data = { error: text }; }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, data?.error || response.statusText || `HTTP ${response.status}`,
      data?.code || `HTTP_${response.status}`);
    if (error.code === 'NOT_LOGGED_IN' && location.hash !== '#/login') location.hash = '#/login';
    throw error;
  }
  return data;
}

export const get = path => request('GET', path);
export const post = (path, body) => request('POST', path, body ?? {});
export const put = (path, body) => request('PUT', path, body ?? {});
export const del = path => request('DELETE', path);

/** A path segment: topic and group names may hold any character. */
export const enc = encodeURIComponent;

/** A query string from an object, skipping empty values. */
export function query(params) {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${enc(k)}=${enc(v)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/**
 * A server-sent event stream: handlers maps event names to functions of the parsed JSON data. Returns the
 * EventSource; close() ends it (the server sees the connection go and stops).
 */
export function stream(path, handlers, onBroken) {
  const source = new EventSource(`api/${path}`, { withCredentials: true });
  for (const [event, handler] of Object.entries(handlers)) {
    source.addEventListener(event, e => handler(JSON.parse(e.data)));
  }
  source.onerror = () => {
    // EventSource reconnects on its own; a search or a tail must not restart from scratch, so it ends here.
    if (source.readyState !== EventSource.CLOSED) source.close();
    if (onBroken) onBroken();
  };
  return source;
}

// The error banner at the top of the page.

export function showError(error) {
  const banner = document.getElementById('banner');
  if (!banner) return;
  const code = error instanceof ApiError ? error.code : 'ERROR';
  banner.replaceChildren(
    Object.assign(document.createElement('span'), { className: 'banner-code', textContent: code }),
    Object.assign(document.createElement('span'), { className: 'banner-message', textContent: error.message }),
    Object.assign(document.createElement('button'), { className: 'banner-close', textContent: '×', title: 'Dismiss',
      type: 'button' }));
  banner.firstChild.dataset.testid = 'error-code';
  banner.children[1].dataset.testid = 'error-message';
  banner.lastChild.addEventListener('click', clearError);
  banner.hidden = false;
}

export function clearError() {
  const banner = document.getElementById('banner');
  if (banner) {
    banner.hidden = true;
    banner.replaceChildren();
  }
}

/** Runs an action, showing its failure in the banner; returns its result or undefined on failure. */
export async function guarded(action) {
  try {
    return await action();
  } catch (e) {
    showError(e);
    return undefined;
  }
}
