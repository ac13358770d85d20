// Talking to the gateway: the session (access + refresh token), one refresh at a
// time across every open tab (a refresh token is single-use: a second use after the
// gateway's short grace window revokes the whole session), and errors turned into
// messages a user can act on.

export interface ScopeInfo {
  level: 'CITY' | 'DISTRICT' | 'SUB_DISTRICT' | 'ZONE';
  districtId?: string;
  subDistrictId?: string;
  zoneId?: string;
}

export interface SessionUser {
  userId: string;
  username?: string;
  displayName?: string;
  role: string;
  scope: ScopeInfo;
  organizationId?: string;
  enterpriseCode?: string;
}

interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token stops working. */
  expiresAt: number;
  user: SessionUser;
}

const STORE_KEY = 'pb.console.session';
/** The Web Lock every tab of this console takes to refresh, so only one spends the refresh token. */
const REFRESH_LOCK = 'pb.console.refresh';
/** A refresh that could not be done (no answer, 429, 5xx) is tried again after this, or after Retry-After. */
const REFRESH_RETRY_MS = 15_000;

/** An answer other than 2xx, or no answer at all (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
    readonly body: unknown,
    readonly retryAfterSeconds: number | null,
  ) {
    super(messages.join('；'));
  }
}

let session: Session | null = load();
let refreshing: Promise<boolean> | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<(why?: string) => void>();

function load(): Session | null {
  try {
    const raw = localStorage.getItem(STORE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

function store(next: Session | null, why?: string): void {
  session = next;
  if (next) localStorage.setItem(STORE_KEY, JSON.stringify(next));
  else localStorage.removeItem(STORE_KEY);
  scheduleRefresh();
  for (const l of listeners) l(why);
}

/** Another tab refreshed, signed in or signed out: this one follows (the storage event fires in the other tabs only). */
window.addEventListener('storage', (event) => {
  if (event.key !== STORE_KEY && event.key !== null) return;
  const next = load();
  if (next?.refreshToken === session?.refreshToken) return;
  session = next;
  scheduleRefresh();
  for (const l of listeners) l(next ? undefined : '已在其他窗口退出登录');
});

/** Refreshes a minute before the access token expires, so an open console stays signed in. */
function scheduleRefresh(afterMs?: number): void {
  clearTimeout(refreshTimer);
  if (!session) return;
  const wait = afterMs ?? Math.max(5_000, session.expiresAt - Date.now() - 60_000);
  refreshTimer = setTimeout(() => void refresh(), wait);
}

/** The current access token, for a call `api` cannot make (a stream read as it arrives). */
export function accessToken(): string | null {
  return session?.accessToken ?? null;
}

export function currentUser(): SessionUser | null {
  return session?.user ?? null;
}

/** Called with a reason when the session ends without the user asking (expired refresh token). */
export function onSessionChange(listener: (why?: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const HAS_CHINESE = /[\u4e00-\u9fff]/;

/** The server's messages, with a Chinese fallback for answers that carry none. */
function messagesOf(status: number, body: unknown, retryAfter: number | null): string[] {
  const raw = body && typeof body === 'object' ? (body as { message?: unknown }).message : undefined;
  const list = (Array.isArray(raw) ? raw : raw === undefined || raw === null || raw === '' ? [] : [raw]).map(String);
  const chinese = list.filter((m) => HAS_CHINESE.test(m));
  if (status === 429) {
    const wait = retryAfter ? `，请 ${retryAfter >= 60 ? `${Math.ceil(retryAfter / 60)} 分钟` : `${retryAfter} 秒`}后再试` : '，请稍后再试';
    return chinese.length > 0 ? chinese : [`请求过于频繁${wait}`];
  }
  if (list.length > 0 && (chinese.length > 0 || status < 500)) return list;
  switch (status) {
    case 401:
      return ['登录已失效，请重新登录'];
    case 403:
      return ['您没有权限进行此操作'];
    case 404:
      return ['请求的内容不存在'];
    case 503:
      return ['服务暂不可用，请稍后重试'];
    default:
      return status >= 500 ? ['服务器内部错误，请稍后重试'] : [`请求失败（${status}）`];
  }
}

async function send(method: string, path: string, body: unknown, token: string | null): Promise<Response> {
  try {
    return await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, ['无法连接服务器，请检查网络后重试'], null, null);
  }
}

async function parse<T>(res: Response): Promise<T> {
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (res.ok) return body as T;
  const header = Number(res.headers.get('retry-after'));
  const fromBody = body && typeof body === 'object' ? Number((body as { retryAfterSeconds?: unknown }).retryAfterSeconds) : NaN;
  const retryAfter = Number.isFinite(fromBody) && fromBody > 0 ? fromBody : Number.isFinite(header) && header > 0 ? header : null;
  throw new ApiError(res.status, messagesOf(res.status, body, retryAfter), body, retryAfter);
}

interface TokenAnswer {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: SessionUser;
}

function sessionOf(answer: TokenAnswer): Session {
  return { accessToken: answer.accessToken, refreshToken: answer.refreshToken, expiresAt: Date.now() + answer.expiresIn * 1000, user: answer.user };
}

export async function signIn(username: string, password: string): Promise<SessionUser> {
  const answer = await parse<TokenAnswer>(await send('POST', '/api/auth/sign-in', { username, password }, null));
  // The token's claims are what the gateway checks; /me says the same in the shape the console uses.
  store(sessionOf(answer));
  try {
    const me = await api<SessionUser>('GET', '/api/auth/me');
    store({ ...session!, user: { ...answer.user, ...me } });
  } catch {
    // The sign-in answer's user is enough to go on.
  }
  return session!.user;
}

/** Whether a sign-in was refused because an administrator reset the password (the user sets a new one first). */
export function mustChangePassword(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403 && (error.body as { error?: unknown } | null)?.error === 'PASSWORD_CHANGE_REQUIRED';
}

/** Sets a new password with the current (or temporary) one, and signs in with it. */
export async function changePassword(username: string, currentPassword: string, newPassword: string): Promise<SessionUser> {
  const answer = await parse<TokenAnswer>(await send('POST', '/api/auth/change-password', { username, currentPassword, newPassword }, null));
  store(sessionOf(answer));
  return session!.user;
}

export async function signOut(): Promise<void> {
  const ending = session;
  store(null);
  if (ending) await send('POST', '/api/auth/sign-out', { refreshToken: ending.refreshToken }, null).catch(() => undefined);
}

/** Why the last refresh failed, when it did: the answer a caller waiting for it passes on. */
let refreshError: ApiError | null = null;

/**
 * Runs `work` holding the console's refresh lock, so tabs take turns and most find the other's new token instead of
 * refreshing again. Not a guarantee (a tab may read localStorage before another tab's write reaches it, and outside a
 * secure context there are no Web Locks): the gateway's grace window for a just-spent token is what keeps both signed in.
 */
function withRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  return locks ? (locks.request(REFRESH_LOCK, work) as Promise<T>) : work();
}

/**
 * Exchanges the refresh token once, however many callers (and tabs) are waiting for it. Only
 * a 401 from the gateway ends the session; no answer, 429 or 5xx keep it and try again later.
 */
export function refresh(): Promise<boolean> {
  if (!session) return Promise.resolve(false);
  const spent = session.refreshToken;
  refreshing ??= withRefreshLock(async () => {
    // Another tab may have refreshed while this one waited for the lock: take its session.
    const latest = load();
    if (!latest) {
      if (session) store(null, '已在其他窗口退出登录');
      return false;
    }
    if (latest.refreshToken !== spent) {
      session = latest;
      scheduleRefresh();
      return true;
    }
    try {
      const answer = await parse<TokenAnswer>(await send('POST', '/api/auth/refresh', { refreshToken: spent }, null));
      refreshError = null;
      store({ ...sessionOf(answer), user: { ...latest.user, ...answer.user } });
      return true;
    } catch (error) {
      refreshError = error instanceof ApiError ? error : new ApiError(0, ['无法连接服务器，请检查网络后重试'], null, null);
      if (refreshError.status === 401) store(null, refreshError.messages[0] ?? '登录已过期，请重新登录');
      else scheduleRefresh(refreshError.retryAfterSeconds ? refreshError.retryAfterSeconds * 1000 : REFRESH_RETRY_MS);
      return false;
    }
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

/** A call as the signed-in user; an expired access token is refreshed once and the call repeated. */
export async function api<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const url = withQuery(path, query);
  let res = await send(method, url, body, session?.accessToken ?? null);
  if (res.status === 401 && session) {
    if (await refresh()) res = await send(method, url, body, session?.accessToken ?? null);
    // The session is kept while the gateway is busy or down; the refresh's own answer says why this call failed.
    else if (session && refreshError && refreshError.status !== 401) throw refreshError;
  }
  if (res.status === 401 && session) store(null, '登录已过期，请重新登录');
  return parse<T>(res);
}

scheduleRefresh();
