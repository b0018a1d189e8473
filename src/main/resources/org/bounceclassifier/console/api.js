// Calls to the service's API, with its JSON errors turned into ApiError, and the admin token
// (kept in this tab's sessionStorage) added to the calls that change state.
import { lang } from './i18n.js';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const TOKEN_KEY = 'bounce-console.admin-token';
/** The token when sessionStorage is disabled. */
let memoryToken = null;

export function adminToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return memoryToken;
  }
}

export function setAdminToken(token) {
  memoryToken = token || null;
  try {
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token);
    } else {
      sessionStorage.removeItem(TOKEN_KEY);
    }
  } catch {
    // storage disabled: the token lasts for this page only
  }
  document.dispatchEvent(new CustomEvent('adminchange'));
}

/** fetch() with the service's conventions; resolves to the parsed JSON body, or throws ApiError. */
export async function call(path, { method = 'GET', body, contentType, admin = false, withLang = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (contentType) {
    headers['Content-Type'] = contentType;
  }
  if (admin && adminToken()) {
    headers.Authorization = `Bearer ${adminToken()}`;
  }
  const url = withLang ? `${path}${path.includes('?') ? '&' : '?'}lang=${encodeURIComponent(lang())}` : path;
  let response;
  try {
    response = await fetch(url, { method, headers, body, cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, 'network', e.message);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, json?.error ?? 'http_' + response.status,
      json?.message ?? (text.slice(0, 200) || response.statusText));
  }
  return json;
}

export const getJson = (path, options = {}) => call(path, options);

export const postJson = (path, value, options = {}) =>
  call(path, { ...options, method: 'POST', body: JSON.stringify(value), contentType: 'application/json' });
