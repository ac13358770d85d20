// 管理控制台: sign-in, the jurisdiction switcher and the pages, routed by the
// URL's hash (#/members …) so the gateway only serves one index.html.
import { FormEvent, ReactNode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { changePassword, currentUser, mustChangePassword, onSessionChange, SessionUser, signIn, signOut } from './api';
import { DashboardPage } from './dashboard';
import { LEVEL_NAMES, ROLE_NAMES } from './labels';
import { Bell, NotificationsPage, startLive } from './notifications';
import { ActivitiesPage, CasesPage, EventsPage, MembersPage, OrganizationsPage, RequestsPage } from './pages';
import { initialSelection, JurisdictionSwitcher, Selection, SelectionContext } from './scope';
import { ErrorBox } from './ui';
import { ADMIN_ROLES, RevealsPage, UsersPage } from './users';

/** The pages, each for every role unless it names the roles it is for. */
const PAGES: Array<{ path: string; title: string; render: () => ReactNode; roles?: string[] }> = [
  { path: 'dashboard', title: '看板', render: () => <DashboardPage /> },
  { path: 'notifications', title: '待办与通知', render: () => <NotificationsPage /> },
  { path: 'organizations', title: '党组织', render: () => <OrganizationsPage /> },
  { path: 'members', title: '党员', render: () => <MembersPage /> },
  { path: 'activities', title: '活动', render: () => <ActivitiesPage /> },
  { path: 'cases', title: '案件', render: () => <CasesPage /> },
  { path: 'requests', title: '企业诉求', render: () => <RequestsPage /> },
  { path: 'events', title: '事件目录', render: () => <EventsPage /> },
  { path: 'users', title: '用户管理', render: () => <UsersPage />, roles: ADMIN_ROLES },
  { path: 'reveals', title: '查看留痕', render: () => <RevealsPage />, roles: ADMIN_ROLES },
];

const pagesFor = (role: string) => PAGES.filter((p) => !p.roles || p.roles.includes(role));

function routeOf(hash: string, role: string): string {
  const path = hash.replace(/^#\/?/, '').split(/[?/]/)[0];
  return pagesFor(role).some((p) => p.path === path) ? path : 'dashboard';
}

/** After an administrator's password reset (重置密码): the user chooses a new password before anything else. */
function ChangePassword({ username, currentPassword, onCancel }: { username: string; currentPassword: string; onCancel: () => void }) {
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== repeat) {
      setError(new Error('两次输入的新密码不一致'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await changePassword(username, currentPassword, next);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="sign-in">
      <form onSubmit={(e) => void submit(e)} data-testid="change-password-form" noValidate>
        <h1>设置新密码</h1>
        <p className="notice">管理员已重置您的密码，请先设置新密码（至少 12 位，不能包含用户名）。</p>
        <ErrorBox error={error} testId="change-password-error" />
        <label>
          新密码
          <input name="newPassword" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} autoFocus />
        </label>
        <label>
          再次输入新密码
          <input name="repeatPassword" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? '正在保存…' : '保存并登录'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          返回登录
        </button>
      </form>
    </main>
  );
}

function SignIn({ notice }: { notice: string | null }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [changing, setChanging] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username || !password) {
      setError(new Error('请输入用户名和密码'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(username, password);
    } catch (err) {
      if (mustChangePassword(err)) setChanging(true);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };
  if (changing) {
    return (
      <ChangePassword
        username={username}
        currentPassword={password}
        onCancel={() => {
          setChanging(false);
          setPassword('');
        }}
      />
    );
  }
  return (
    <main className="sign-in">
      {/* submit catches every error itself and shows it, so nothing awaits or handles its promise */}
      <form onSubmit={(e) => void submit(e)} data-testid="sign-in-form" noValidate>
        <h1>城市基层党建平台</h1>
        <p className="muted">管理控制台 · 请登录</p>
        {notice && !error && <p className="notice">{notice}</p>}
        <ErrorBox error={error} testId="sign-in-error" />
        <label>
          用户名
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
        </label>
        <label>
          密码
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </button>
      </form>
    </main>
  );
}

function Shell({ user }: { user: SessionUser }) {
  const pages = pagesFor(user.role);
  const [route, setRoute] = useState(routeOf(location.hash, user.role));
  const [selection, setSelection] = useState<Selection>(() => initialSelection(user));
  useEffect(() => {
    const onHash = () => setRoute(routeOf(location.hash, user.role));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // One live stream of my to-dos and notices while signed in (the bell and the page follow it).
  useEffect(() => startLive(), []);
  const page = pages.find((p) => p.path === route)!;
  const scope = user.scope;
  return (
    <SelectionContext.Provider value={selection}>
      <header className="top">
        <div className="brand">城市基层党建平台 · 管理控制台</div>
        <JurisdictionSwitcher user={user} value={selection} onChange={setSelection} />
        <Bell />
        <div className="who" data-testid="current-user">
          {user.displayName ?? user.username ?? user.userId}（{ROLE_NAMES[user.role] ?? user.role} ·{' '}
          {scope.level === 'CITY' ? '全市' : `${LEVEL_NAMES[scope.level]} ${scope.zoneId ?? scope.subDistrictId ?? scope.districtId ?? ''}`}）
          <button type="button" className="secondary" data-testid="sign-out" onClick={() => void signOut()}>
            退出登录
          </button>
        </div>
      </header>
      <nav className="side">
        {pages.map((p) => (
          <a key={p.path} href={`#/${p.path}`} className={p.path === route ? 'active' : ''} data-testid={`nav-${p.path}`}>
            {p.title}
          </a>
        ))}
      </nav>
      <main className="content" key={route}>
        {page.render()}
      </main>
    </SelectionContext.Provider>
  );
}

function App() {
  const [user, setUser] = useState<SessionUser | null>(currentUser());
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(
    () =>
      onSessionChange((why) => {
        setUser(currentUser());
        setNotice(why ?? null);
      }),
    [],
  );
  return user ? <Shell key={user.userId} user={user} /> : <SignIn notice={notice} />;
}

createRoot(document.getElementById('root')!).render(<App />);
