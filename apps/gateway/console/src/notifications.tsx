// 待办与通知: the bell in the header (unread counts) and the page listing my to-dos and notices,
// both kept up to date by the live stream (server-sent events from /api/notifications/notifications/stream).
//
// EventSource cannot send the Authorization header the console authenticates with (the session is a
// bearer token, not a cookie), and a token in the URL would be written to access logs. So the stream
// is read with fetch, which sends the header, and parsed here; it is opened again when it ends (the
// service ends each stream after a while, so a reassigned or disabled user stops receiving).
import { useEffect, useState } from 'react';
import { accessToken, api, refresh } from './api';
import { formatTime } from './labels';
import { ErrorBox } from './ui';

export interface NotificationItem {
  id: string;
  kind: 'TODO' | 'NOTICE';
  rule: string;
  title: string;
  body: string;
  link?: string | null;
  record: { type: string; id: string };
  at: string;
  state: 'OPEN' | 'DONE' | null;
  read: boolean;
  districtId: string;
  zoneId?: string | null;
}

interface Page {
  items: NotificationItem[];
  nextCursor: string | null;
}

export type LiveEvent = { type: 'notification'; item: NotificationItem } | { type: 'closed'; id: string } | { type: 'connected' };

const listeners = new Set<(event: LiveEvent) => void>();

/** Called with every item and closure the stream brings, and when it (re)connects (lists are reloaded then). */
export function onLive(listener: (event: LiveEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(event: LiveEvent): void {
  for (const l of listeners) l(event);
}

/** Frames of a server-sent event stream: `event:` and `data:` lines up to a blank line; comments (`:`) skipped. */
function parseFrame(block: string): LiveEvent | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return null;
  try {
    const body = JSON.parse(data.join('\n')) as Record<string, unknown>;
    if (event === 'notification') return { type: 'notification', item: body as unknown as NotificationItem };
    if (event === 'closed' && typeof body.id === 'string') return { type: 'closed', id: body.id };
  } catch {
    // A frame that is not JSON is not ours.
  }
  return null;
}

/** Reads the stream until it ends or `signal` aborts; true when it was open (so it is opened again at once). */
async function readStream(signal: AbortSignal): Promise<boolean> {
  let res = await fetch('/api/notifications/notifications/stream', { headers: { accept: 'text/event-stream', authorization: `Bearer ${accessToken() ?? ''}` }, signal });
  if (res.status === 401 && (await refresh())) {
    res = await fetch('/api/notifications/notifications/stream', { headers: { accept: 'text/event-stream', authorization: `Bearer ${accessToken() ?? ''}` }, signal });
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    return false;
  }
  emit({ type: 'connected' });
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return true;
    buffer += value.replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = parseFrame(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (frame) emit(frame);
    }
  }
}

/** Keeps one stream open while the console is signed in; returns the function that closes it. */
export function startLive(): () => void {
  const abort = new AbortController();
  void (async () => {
    while (!abort.signal.aborted) {
      const wasOpen = await readStream(abort.signal).catch(() => false);
      if (abort.signal.aborted) return;
      // Opened again at once after a stream that ran; after a refusal or no answer, a little later.
      await new Promise((resolve) => setTimeout(resolve, wasOpen ? 500 : 5_000));
    }
  })();
  return () => abort.abort();
}

interface Counts {
  todo: number;
  notice: number;
}

/** 铃铛: unread to-dos and notices, live. */
export function Bell() {
  const [counts, setCounts] = useState<Counts | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => {
      api<Counts>('GET', '/api/notifications/notifications/unread-count')
        .then((c) => live && setCounts(c))
        .catch(() => undefined);
    };
    load();
    // A burst of items (a busy desk) asks for the counts once.
    let soon: ReturnType<typeof setTimeout> | undefined;
    const off = onLive(() => {
      clearTimeout(soon);
      soon = setTimeout(load, 300);
    });
    window.addEventListener('pb:notifications-changed', load);
    return () => {
      live = false;
      clearTimeout(soon);
      off();
      window.removeEventListener('pb:notifications-changed', load);
    };
  }, []);
  const total = counts ? counts.todo + counts.notice : 0;
  return (
    <a href="#/notifications" className="bell" data-testid="notification-bell" title={counts ? `待办 ${counts.todo} 项，未读通知 ${counts.notice} 条` : '待办与通知'}>
      <span aria-hidden="true">🔔</span>
      {total > 0 && (
        <span className="bell-count" data-testid="bell-count">
          {total > 99 ? '99+' : total}
        </span>
      )}
    </a>
  );
}

/** Tells the bell that something was read or dismissed here. */
function changed(): void {
  window.dispatchEvent(new Event('pb:notifications-changed'));
}

/** One list (my to-dos, or my notices), newest first, page by page, following the stream. */
function ItemList({ kind, title, testId }: { kind: 'TODO' | 'NOTICE'; title: string; testId: string }) {
  const [items, setItems] = useState<NotificationItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    api<Page>('GET', '/api/notifications/notifications', undefined, { kind, limit: 50 })
      .then((page) => {
        if (!live) return;
        setItems(page.items);
        setNext(page.nextCursor);
      })
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [kind, tick]);

  useEffect(
    () =>
      onLive((event) => {
        if (event.type === 'connected') setTick((t) => t + 1);
        else if (event.type === 'notification' && event.item.kind === kind) setItems((list) => (list.some((i) => i.id === event.item.id) ? list : [event.item, ...list]));
        else if (event.type === 'closed') setItems((list) => list.map((i) => (i.id === event.id ? { ...i, state: 'DONE' } : i)));
      }),
    [kind],
  );

  const more = async () => {
    try {
      const page = await api<Page>('GET', '/api/notifications/notifications', undefined, { kind, limit: 50, cursor: next });
      setItems((list) => [...list, ...page.items.filter((i) => !list.some((j) => j.id === i.id))]);
      setNext(page.nextCursor);
    } catch (e) {
      setError(e);
    }
  };
  const act = async (item: NotificationItem, action: 'read' | 'dismiss') => {
    try {
      await api('POST', `/api/notifications/notifications/${encodeURIComponent(item.id)}/${action}`);
      setItems((list) => (action === 'dismiss' ? list.filter((i) => i.id !== item.id) : list.map((i) => (i.id === item.id ? { ...i, read: true } : i))));
      changed();
    } catch (e) {
      setError(e);
    }
  };
  const open = (item: NotificationItem) => {
    if (!item.read) void act(item, 'read');
  };

  // To-dos: the open ones first (newest first within each part).
  const shown = kind === 'TODO' ? [...items.filter((i) => i.state !== 'DONE'), ...items.filter((i) => i.state === 'DONE')] : items;
  return (
    <section className="notification-list" data-testid={testId}>
      <h3>
        {title}
        {kind === 'TODO' && <span className="badge">待办 {items.filter((i) => i.state === 'OPEN').length}</span>}
      </h3>
      <ErrorBox error={error} testId={`${testId}-error`} />
      {shown.length === 0 && !error && <p className="muted">暂无{kind === 'TODO' ? '待办' : '通知'}</p>}
      <ul>
        {shown.map((item) => (
          <li
            key={item.id}
            className={`notification ${item.read ? 'read' : 'unread'} ${item.state === 'DONE' ? 'done' : ''}`}
            data-testid={`notification-${item.id}`}
            data-state={item.state ?? ''}
            data-rule={item.rule}
          >
            <div className="notification-head">
              {kind === 'TODO' && <span className={`badge ${item.state === 'OPEN' ? 'warn' : ''}`}>{item.state === 'OPEN' ? '待办理' : '已办结'}</span>}
              {item.link ? (
                <a href={`#${item.link}`} onClick={() => open(item)} data-testid={`open-${item.id}`}>
                  {item.title}
                </a>
              ) : (
                <strong>{item.title}</strong>
              )}
              <span className="muted">{formatTime(item.at)}</span>
            </div>
            <div className="notification-body">{item.body}</div>
            <div className="row-actions">
              {!item.read && (
                <button type="button" className="small secondary" data-testid={`read-${item.id}`} onClick={() => void act(item, 'read')}>
                  标为已读
                </button>
              )}
              <button type="button" className="small secondary" data-testid={`dismiss-${item.id}`} onClick={() => void act(item, 'dismiss')}>
                忽略
              </button>
            </div>
          </li>
        ))}
      </ul>
      {next && (
        <button type="button" className="secondary" onClick={() => void more()}>
          加载更多
        </button>
      )}
    </section>
  );
}

/** 待办与通知: my to-dos (open first) and my notices. */
export function NotificationsPage() {
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const readAll = async () => {
    setError(null);
    try {
      await api('POST', '/api/notifications/notifications/read', { all: true });
      setTick((t) => t + 1);
      changed();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="notifications" data-testid="notifications-page">
      <div className="list-toolbar">
        <h2>待办与通知</h2>
        <button type="button" data-testid="read-all" onClick={() => void readAll()}>
          全部标为已读
        </button>
      </div>
      <ErrorBox error={error} testId="notifications-error" />
      <div className="notification-columns" key={tick}>
        <ItemList kind="TODO" title="我的待办" testId="todo-list" />
        <ItemList kind="NOTICE" title="通知" testId="notice-list" />
      </div>
    </section>
  );
}
