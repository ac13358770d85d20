// 用户管理 and 查看留痕: the administrators' pages. Users are created, disabled and enabled,
// moved to another role or jurisdiction, given a temporary password and signed out
// everywhere; the ID-number reveal records say who saw whose clear numbers.
import { useMemo, useState } from 'react';
import { api } from './api';
import { formatTime, label, LEVEL_NAMES, options, ROLE_NAMES } from './labels';
import { useSelection } from './scope';
import { arrayPage, CommandForm, compact, ErrorBox, Field, ListSpec, ListView, objectPage, Toggle } from './ui';

/** The roles that see these pages (the gateway and membership refuse everyone else). */
export const ADMIN_ROLES = ['CITY_ADMIN', 'DISTRICT_ADMIN'];

type UserRow = {
  userId: string;
  username: string;
  displayName: string;
  role: string;
  scope: { level: string; districtId?: string; subDistrictId?: string; zoneId?: string };
  organizationId?: string;
  enterpriseCode?: string;
  memberId?: string;
  gridWorkerId?: string;
  departmentId?: string;
  disabled: boolean;
  mustChangePassword: boolean;
};

/** The level each role works at; secretaries, contacts and analysts may sit at any level. */
const LEVEL_OF_ROLE: Record<string, string> = { CITY_ADMIN: 'CITY', DISTRICT_ADMIN: 'DISTRICT', SUB_DISTRICT_ADMIN: 'SUB_DISTRICT', GRID_WORKER: 'ZONE' };
const ASSIGNABLE_ROLES = Object.fromEntries(Object.entries(ROLE_NAMES).filter(([role]) => role !== 'SYSTEM'));
const USER_STATUSES = { ACTIVE: '启用', DISABLED: '已停用' };

const placeOf = (scope: UserRow['scope']) =>
  scope.level === 'CITY' ? '全市' : `${LEVEL_NAMES[scope.level] ?? scope.level} ${[scope.districtId, scope.subDistrictId, scope.zoneId].filter(Boolean).join(' / ')}`;

const statusOf = (u: UserRow) => (u.disabled ? '已停用' : u.mustChangePassword ? '待设置新密码' : '启用');

/** Role, jurisdiction and what the role acts for: the same fields when creating and when reassigning. */
const placementFields: Field[] = [
  { name: 'role', label: '角色', type: 'select', required: true, options: options(ASSIGNABLE_ROLES) },
  {
    name: 'level',
    label: '辖区级别',
    type: 'select',
    required: true,
    options: options(LEVEL_NAMES),
    apiKey: 'scope.level',
    hint: '市、区县、街道管理员和网格员的级别由角色决定',
    when: (v) => !LEVEL_OF_ROLE[v.role],
  },
  { name: 'districtId', label: '区县编号', apiKey: 'scope.districtId', when: (v) => levelFor(v) !== 'CITY' },
  { name: 'subDistrictId', label: '街道编号', apiKey: 'scope.subDistrictId', when: (v) => levelFor(v) === 'SUB_DISTRICT' || levelFor(v) === 'ZONE' },
  { name: 'zoneId', label: '片区编号', apiKey: 'scope.zoneId', when: (v) => levelFor(v) === 'ZONE' },
  { name: 'organizationId', label: '所在党组织编号', required: true, when: (v) => v.role === 'ORG_SECRETARY' },
  { name: 'enterpriseCode', label: '企业统一社会信用代码', required: true, when: (v) => v.role === 'ENTERPRISE_CONTACT' },
  { name: 'gridWorkerId', label: '网格员档案编号', hint: '关联本人在共治服务中的网格员档案', when: (v) => v.role === 'GRID_WORKER' },
  { name: 'departmentId', label: '职能部门编号', required: true, hint: '该工作人员所在的职能部门（共治服务中登记的部门）', when: (v) => v.role === 'DEPARTMENT_STAFF' },
  { name: 'memberId', label: '本人党员编号', hint: '书记须为所领导党组织的党员', when: (v) => v.role !== 'ANALYST' },
];

function levelFor(v: Record<string, string>): string {
  return LEVEL_OF_ROLE[v.role] ?? v.level ?? 'CITY';
}

/** The request body's placement: the scope holds the ids of its own level and those above it. */
function placement(v: Record<string, string>) {
  const level = levelFor(v);
  const scope = compact({
    level,
    districtId: level !== 'CITY' ? v.districtId : undefined,
    subDistrictId: level === 'SUB_DISTRICT' || level === 'ZONE' ? v.subDistrictId : undefined,
    zoneId: level === 'ZONE' ? v.zoneId : undefined,
  });
  return compact({
    role: v.role,
    scope,
    organizationId: v.organizationId,
    enterpriseCode: v.enterpriseCode,
    memberId: v.memberId,
    gridWorkerId: v.gridWorkerId,
    departmentId: v.departmentId,
  });
}

type Action = 'reassign' | 'reset' | 'disable' | 'enable' | 'revoke';
const ACTION_NAMES: Record<Action, string> = { reassign: '调整角色和辖区', reset: '重置密码', disable: '停用账号', enable: '启用账号', revoke: '撤销全部会话' };
const CONFIRMS: Partial<Record<Action, (u: UserRow) => string>> = {
  disable: (u) => `停用后 ${u.displayName}（${u.username}）将无法登录，已登录的设备立即退出。`,
  enable: (u) => `启用后 ${u.displayName}（${u.username}）可以重新登录（原有会话不会恢复）。`,
  revoke: (u) => `${u.displayName}（${u.username}）将在所有设备上退出登录，需要重新登录。`,
};

/** One account's pending action: a form for reassigning and resetting, a confirmation for the rest. */
function UserAction({ user, action, onDone, onClose }: { user: UserRow; action: Action; onDone: () => void; onClose: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/users/${encodeURIComponent(user.userId)}`;
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      if (action === 'disable') await api('POST', `${base}/disable`);
      if (action === 'enable') await api('POST', `${base}/enable`);
      if (action === 'revoke') await api('POST', `${base}/sessions/revoke`);
      setDone(`已${ACTION_NAMES[action].replace('账号', '')}：${user.displayName}（${user.username}）`);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="action-panel" data-testid="user-action" aria-label={ACTION_NAMES[action]}>
      <div className="action-head">
        <strong>
          {ACTION_NAMES[action]}：{user.displayName}（{user.username}）
        </strong>
        <button type="button" className="secondary" data-testid="user-action-close" onClick={onClose}>
          关闭
        </button>
      </div>
      {action === 'reassign' && (
        <CommandForm
          title="新的角色和辖区"
          testId="form-user-reassign"
          fields={placementFields}
          initial={{
            role: user.role,
            level: user.scope.level,
            districtId: user.scope.districtId ?? '',
            subDistrictId: user.scope.subDistrictId ?? '',
            zoneId: user.scope.zoneId ?? '',
            organizationId: user.organizationId ?? '',
            enterpriseCode: user.enterpriseCode ?? '',
            memberId: user.memberId ?? '',
            gridWorkerId: user.gridWorkerId ?? '',
            departmentId: user.departmentId ?? '',
          }}
          submitLabel="保存调整"
          onSubmit={(v) => api('PUT', `${base}/assignment`, placement(v))}
          success={() => `已调整 ${user.displayName} 的角色和辖区，该用户需重新登录`}
          onDone={onDone}
        />
      )}
      {action === 'reset' && (
        <CommandForm
          title="临时密码"
          testId="form-user-reset"
          fields={[{ name: 'temporaryPassword', label: '临时密码', type: 'password', required: true, hint: '至少 12 位；请当面或电话告知本人，登录后须设置新密码' }]}
          submitLabel="重置密码"
          onSubmit={(v) => api('POST', `${base}/password-reset`, v)}
          success={() => `已重置 ${user.displayName} 的密码，其所有设备已退出登录`}
          onDone={onDone}
        />
      )}
      {CONFIRMS[action] && (
        <div className="confirm">
          <ErrorBox error={error} testId="user-action-error" />
          {done ? (
            <div className="success-box" role="status" data-testid="user-action-success">
              {done}
            </div>
          ) : (
            <>
              <p>{CONFIRMS[action]!(user)}</p>
              <button type="button" data-testid="user-action-confirm" disabled={busy} onClick={() => void confirm()}>
                {busy ? '正在处理…' : `确认${ACTION_NAMES[action].replace('账号', '')}`}
              </button>
            </>
          )}
        </div>
      )}
    </section>
  );
}

export function UsersPage() {
  const selection = useSelection();
  const [reload, setReload] = useState(0);
  const [pending, setPending] = useState<{ user: UserRow; action: Action } | null>(null);
  const refresh = () => setReload((n) => n + 1);

  const spec = useMemo<ListSpec<UserRow>>(
    () => ({
      title: '用户',
      testId: 'list-users',
      path: '/api/users',
      pageParam: 'after',
      page: arrayPage((u: UserRow) => u.username),
      rowKey: (u) => u.userId,
      filters: [
        { name: 'q', label: '用户名或姓名', placeholder: '输入用户名开头或姓名' },
        { name: 'role', label: '角色', options: options(ASSIGNABLE_ROLES) },
        { name: 'status', label: '状态', options: options(USER_STATUSES) },
      ],
      columns: [
        { header: '用户名', value: (u) => u.username },
        { header: '姓名', value: (u) => u.displayName },
        { header: '角色', value: (u) => label(ROLE_NAMES, u.role) },
        { header: '辖区', value: (u) => placeOf(u.scope) },
        { header: '党组织或企业', value: (u) => u.organizationId ?? u.enterpriseCode ?? '' },
        {
          header: '关联档案',
          value: (u) => [u.memberId && `党员 ${u.memberId}`, u.gridWorkerId && `网格员 ${u.gridWorkerId}`, u.departmentId && `职能部门 ${u.departmentId}`].filter(Boolean).join('，'),
        },
        { header: '状态', value: statusOf, render: (u) => <span className={u.disabled ? 'badge warn' : 'badge'}>{statusOf(u)}</span> },
        {
          header: '操作',
          value: () => '',
          render: (u) => (
            <span className="row-actions">
              {(['reassign', 'reset', u.disabled ? 'enable' : 'disable', 'revoke'] as Action[]).map((action) => (
                <button key={action} type="button" className="secondary small" data-testid={`user-${action}-${u.username}`} onClick={() => setPending({ user: u, action })}>
                  {ACTION_NAMES[action].replace('账号', '').replace('全部', '')}
                </button>
              ))}
            </span>
          ),
        },
      ],
    }),
    [],
  );

  const createFields: Field[] = [
    { name: 'username', label: '用户名', required: true, placeholder: '3-64 位字母、数字、下划线、点或连字符' },
    { name: 'displayName', label: '姓名', required: true },
    { name: 'password', label: '初始密码', type: 'password', required: true, hint: '至少 12 位，不能包含用户名' },
    ...placementFields,
  ];
  return (
    <>
      <Toggle label="新建用户" testId="open-user-form">
        <CommandForm
          title="新建用户"
          testId="form-user"
          fields={createFields}
          initial={{
            role: 'GRID_WORKER',
            level: selection.level,
            districtId: selection.districtId ?? '',
            subDistrictId: selection.subDistrictId ?? '',
            zoneId: selection.zoneId ?? '',
          }}
          submitLabel="创建"
          onSubmit={(v) => api('POST', '/api/users', { username: v.username ?? '', displayName: v.displayName ?? '', password: v.password ?? '', ...placement(v) })}
          success={(r) => `已创建用户 ${String((r as UserRow).displayName)}（${String((r as UserRow).username)}）`}
          onDone={refresh}
        />
      </Toggle>
      {pending && <UserAction key={`${pending.user.userId}-${pending.action}`} user={pending.user} action={pending.action} onDone={refresh} onClose={() => setPending(null)} />}
      <ListView spec={spec} reloadKey={reload} />
    </>
  );
}

// ---------------------------------------------------------------- reveal records

/** 操作 in 查看留痕: a clear view, a correction, or an attempted correction that changed nothing. */
const REVEAL_ACTIONS: Record<string, string> = { VIEWED: '查看完整号码', CORRECTED: '更正身份证号', CORRECTION_REFUSED: '更正身份证号（未成功）' };

type RevealRow = {
  revealId: string;
  revealedBy: string;
  /** VIEWED: the clear numbers were shown; CORRECTED: the ID number was corrected; CORRECTION_REFUSED: an attempt that changed nothing. */
  action?: string;
  role: string;
  revealedAt: string;
  memberId: string;
  organizationId: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
  /** Who viewed, when the administrator may see that user; filled in by the page. */
  viewer?: string;
};

/** Names the viewers the administrator may see; others stay as their user ids. */
async function withViewers(rows: RevealRow[]): Promise<RevealRow[]> {
  const ids = [...new Set(rows.map((r) => r.revealedBy))];
  if (ids.length === 0) return rows;
  const users = await api<UserRow[]>('GET', '/api/users', undefined, { userIds: ids.join(','), limit: ids.length }).catch(() => [] as UserRow[]);
  const names = new Map(users.map((u) => [u.userId, `${u.displayName}（${u.username}）`]));
  return rows.map((r) => ({ ...r, viewer: names.get(r.revealedBy) }));
}

const revealList: ListSpec<RevealRow> = {
  title: '查看和更正身份证号记录',
  testId: 'list-reveals',
  path: '/api/membership/id-number-reveals',
  pageParam: 'cursor',
  page: (a) => objectPage<RevealRow>(a),
  decorate: withViewers,
  rowKey: (r) => r.revealId,
  filters: [
    { name: 'memberId', label: '党员编号' },
    { name: 'revealedBy', label: '查看人用户编号' },
  ],
  columns: [
    { header: '查看时间', value: (r) => formatTime(r.revealedAt) },
    { header: '查看人', value: (r) => r.viewer ?? r.revealedBy },
    { header: '操作', value: (r) => REVEAL_ACTIONS[r.action ?? 'VIEWED'] ?? '查看完整号码' },
    { header: '查看人角色', value: (r) => label(ROLE_NAMES, r.role) },
    { header: '党员编号', value: (r) => r.memberId },
    { header: '所在党组织', value: (r) => r.organizationId },
    { header: '区县', value: (r) => r.districtId },
    { header: '街道', value: (r) => r.subDistrictId },
    { header: '片区', value: (r) => r.zoneId },
  ],
};

export function RevealsPage() {
  return (
    <>
      <p className="muted">每次查看党员完整身份证号和手机号、每次更正身份证号都会留痕。这里列出本辖区党员的这些记录，最新的在前。</p>
      <ListView spec={revealList} />
    </>
  );
}
