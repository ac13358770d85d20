// The list pages with their forms: organizations, members, activities, cases and
// enterprise requests, each calling its service through the gateway
// (`/api/<service>/...`), plus the event catalogue.
import { useEffect, useState } from 'react';
import { api, ApiError } from './api';
import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  ASSIGNEE_KINDS,
  CASE_KINDS,
  CASE_PRIORITIES,
  CASE_SOURCES,
  CASE_STATES,
  CONTEXT_NAMES,
  DEPARTMENTS,
  formatTime,
  GENDERS,
  HOST_KINDS,
  label,
  MEMBER_STATUSES,
  options,
  ORGANIZATION_TYPES,
  REQUEST_CATEGORIES,
  REQUEST_STATUSES,
  STAGES,
} from './labels';
import { useSelection } from './scope';
import { arrayPage, CommandForm, compact, ErrorBox, Field, ListSpec, ListView, objectPage, Toggle } from './ui';

type Row = Record<string, unknown>;
const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const today = () => new Date().toISOString().slice(0, 10);

/** The jurisdiction fields a new record gets from the switcher, as defaults. */
function useScopeDefaults() {
  const sel = useSelection();
  return { districtId: sel.districtId ?? '', subDistrictId: sel.subDistrictId ?? '', zoneId: sel.zoneId ?? '' };
}

// ---------------------------------------------------------------- organizations

const organizationList: ListSpec<Row> = {
  title: '党组织',
  testId: 'list-organizations',
  path: '/api/membership/organizations',
  pageParam: 'after',
  page: arrayPage((r: Row) => s(r.organizationId)),
  rowKey: (r) => s(r.organizationId),
  filters: [{ name: 'type', label: '组织类型', options: options(ORGANIZATION_TYPES) }],
  columns: [
    { header: '组织编号', value: (r) => r.organizationId },
    { header: '组织名称', value: (r) => r.name },
    { header: '组织类型', value: (r) => label(ORGANIZATION_TYPES, r.type) },
    { header: '上级组织', value: (r) => r.parentId },
    { header: '区县', value: (r) => r.districtId },
    { header: '街道', value: (r) => r.subDistrictId },
    { header: '片区', value: (r) => r.zoneId },
    { header: '依托单位', value: (r) => (r.host && typeof r.host === 'object' ? `${s((r.host as Row).name)}（${label(HOST_KINDS, (r.host as Row).kind)}）` : '') },
    { header: '书记（党员编号）', value: (r) => r.secretaryMemberId },
  ],
};

export function OrganizationsPage() {
  const [reload, setReload] = useState(0);
  const defaults = useScopeDefaults();
  const fields: Field[] = [
    { name: 'name', label: '组织名称', required: true, placeholder: '如：太白楼路商圈党委' },
    { name: 'type', label: '组织类型', type: 'select', required: true, options: options(ORGANIZATION_TYPES) },
    { name: 'organizationId', label: '组织编号', hint: '不填则自动生成' },
    { name: 'parentId', label: '上级组织编号' },
    { name: 'districtId', label: '区县编号', required: true },
    { name: 'subDistrictId', label: '街道编号', required: true },
    { name: 'zoneId', label: '片区编号' },
    { name: 'hostKind', label: '依托单位类型', type: 'select', options: options(HOST_KINDS), apiKey: 'host.kind' },
    { name: 'hostName', label: '依托单位名称', apiKey: 'host.name', when: (v) => !!v.hostKind },
  ];
  return (
    <>
      <Toggle label="登记党组织" testId="open-organization-form">
        <CommandForm
          title="登记党组织"
          testId="form-organization"
          fields={fields}
          initial={defaults}
          submitLabel="登记"
          onSubmit={({ hostKind, hostName, ...v }) =>
            api('POST', '/api/membership/organizations', compact({ ...v, host: hostKind ? { kind: hostKind, name: hostName ?? '' } : undefined }))
          }
          success={(r) => `已登记党组织 ${s((r as Row).name)}（${s((r as Row).organizationId)}）`}
          onDone={() => setReload((n) => n + 1)}
        />
      </Toggle>
      <ListView spec={organizationList} reloadKey={reload} />
    </>
  );
}

// ---------------------------------------------------------------- members

const memberList: ListSpec<Row> = {
  title: '党员',
  testId: 'list-members',
  path: '/api/membership/members',
  pageParam: 'cursor',
  page: (a) => objectPage<Row>(a),
  rowKey: (r) => s(r.memberId),
  filters: [
    // 查找党员: part of a name, or an exact ID or phone number (found through their blind indexes).
    { name: 'name', label: '姓名', placeholder: '姓名中的字' },
    { name: 'idNumber', label: '身份证号', placeholder: '完整 18 位' },
    { name: 'phone', label: '手机号', placeholder: '完整 11 位' },
    { name: 'organizationId', label: '党组织编号' },
    { name: 'status', label: '党员类别', options: options(MEMBER_STATUSES) },
    { name: 'stage', label: '发展阶段', options: options(STAGES) },
    {
      name: 'floating',
      label: '流动党员',
      options: [
        { value: 'true', label: '是' },
        { value: 'false', label: '否' },
      ],
    },
  ],
  columns: [
    { header: '党员编号', value: (r) => r.memberId },
    { header: '姓名', value: (r) => r.name },
    { header: '性别', value: (r) => label(GENDERS, r.gender) },
    { header: '身份证号', value: (r) => r.idNumber },
    { header: '手机号', value: (r) => r.phone },
    { header: '类别', value: (r) => label(MEMBER_STATUSES, r.status) || label(STAGES, r.stage) },
    { header: '所在党组织', value: (r) => r.organizationId },
    { header: '工作单位', value: (r) => r.employerName },
    { header: '流动党员', value: (r) => (r.isFloating || r.floating ? '是' : '否') },
    { header: '片区', value: (r) => r.zoneId },
  ],
};

export function MembersPage() {
  const [reload, setReload] = useState(0);
  const register: Field[] = [
    { name: 'name', label: '姓名', required: true },
    { name: 'gender', label: '性别', type: 'select', required: true, options: options(GENDERS) },
    { name: 'birthDate', label: '出生日期', type: 'date', required: true },
    { name: 'idNumber', label: '身份证号', required: true, hint: '18 位；列表中脱敏显示' },
    { name: 'phone', label: '手机号', required: true },
    { name: 'status', label: '党员类别', type: 'select', required: true, options: options(MEMBER_STATUSES) },
    { name: 'joinedOn', label: '入党日期', type: 'date', required: true },
    { name: 'organizationId', label: '所在党组织编号', required: true },
    { name: 'employerName', label: '工作单位' },
    { name: 'memberId', label: '党员编号', hint: '不填则自动生成' },
  ];
  const checkIn: Field[] = [
    { name: 'memberId', label: '党员编号', required: true },
    { name: 'homeOrganizationName', label: '组织关系所在党组织（流出地）', required: true },
    { name: 'organizationId', label: '报到的本地党组织编号', hint: '不填则为党员所在党组织' },
    { name: 'checkedInOn', label: '报到日期', type: 'date', required: true, defaultValue: today() },
  ];
  return (
    <>
      <div className="toggles">
        <Toggle label="登记党员" testId="open-member-form">
          <CommandForm
            title="登记党员"
            testId="form-member"
            fields={register}
            submitLabel="登记"
            onSubmit={(v) => api('POST', '/api/membership/members', compact(v))}
            success={(r) => `已登记党员 ${s((r as Row).name)}（${s((r as Row).memberId)}）`}
            onDone={() => setReload((n) => n + 1)}
          />
        </Toggle>
        <Toggle label="流动党员报到" testId="open-check-in-form">
          <CommandForm
            title="流动党员报到"
            testId="form-check-in"
            fields={checkIn}
            submitLabel="报到"
            onSubmit={({ memberId, ...v }) => api('POST', `/api/membership/members/${encodeURIComponent(memberId ?? '')}/floating/check-in`, compact(v))}
            success={(r) => `${s((r as Row).name)} 已报到`}
            onDone={() => setReload((n) => n + 1)}
          />
        </Toggle>
      </div>
      <ListView spec={memberList} reloadKey={reload} />
    </>
  );
}

// ---------------------------------------------------------------- activities

const activityList: ListSpec<Row> = {
  title: '活动',
  testId: 'list-activities',
  path: '/api/activities/activities',
  pageParam: 'after',
  page: (a) => objectPage<Row>(a),
  rowKey: (r) => s(r.activityId),
  filters: [
    { name: 'kind', label: '活动类型', options: options(ACTIVITY_KINDS) },
    { name: 'organizationId', label: '主办组织编号' },
    { name: 'from', label: '开始于（起）', type: 'date' },
    { name: 'to', label: '开始于（止）', type: 'date' },
  ],
  query: ({ from, to, ...rest }) => ({ ...rest, from: from ? new Date(`${from}T00:00:00`).toISOString() : undefined, to: to ? new Date(`${to}T00:00:00`).toISOString() : undefined }),
  columns: [
    { header: '活动编号', value: (r) => r.activityId },
    { header: '活动名称', value: (r) => r.title },
    { header: '活动类型', value: (r) => label(ACTIVITY_KINDS, r.kind) },
    { header: '状态', value: (r) => label(ACTIVITY_STATUSES, r.status) },
    { header: '主办组织', value: (r) => (Array.isArray(r.organizerIds) ? r.organizerIds.join('、') : '') },
    { header: '地点', value: (r) => r.venue },
    { header: '开始时间', value: (r) => formatTime(r.startsAt) },
    { header: '结束时间', value: (r) => formatTime(r.endsAt) },
    { header: '名额', value: (r) => (r.capacity === null || r.capacity === undefined ? '不限' : r.capacity) },
    { header: '已报名', value: (r) => r.seatsTaken },
  ],
};

export function ActivitiesPage() {
  const [reload, setReload] = useState(0);
  const fields: Field[] = [
    { name: 'title', label: '活动名称', required: true },
    { name: 'kind', label: '活动类型', type: 'select', required: true, options: options(ACTIVITY_KINDS) },
    { name: 'organizerIds', label: '主办组织编号', required: true, hint: '多个用逗号分隔，第一个为牵头组织' },
    { name: 'venue', label: '地点', required: true },
    { name: 'startsAt', label: '开始时间', type: 'datetime', required: true },
    { name: 'endsAt', label: '结束时间', type: 'datetime', required: true },
    { name: 'capacity', label: '名额', type: 'number', hint: '不填为不限' },
  ];
  const time = (v?: string) => (v ? (Number.isNaN(new Date(v).getTime()) ? v : new Date(v).toISOString()) : undefined);
  return (
    <>
      <Toggle label="创建活动" testId="open-activity-form">
        <CommandForm
          title="创建活动"
          testId="form-activity"
          fields={fields}
          submitLabel="创建"
          onSubmit={(v) =>
            api(
              'POST',
              '/api/activities/activities',
              compact({
                ...v,
                organizerIds: (v.organizerIds ?? '')
                  .split(/[,，\s]+/)
                  .map((x) => x.trim())
                  .filter(Boolean),
                startsAt: time(v.startsAt),
                endsAt: time(v.endsAt),
                capacity: v.capacity ? Number(v.capacity) : undefined,
              }),
            )
          }
          success={(r) => `已创建活动 ${s((r as Row).title)}（${s((r as Row).activityId)}）`}
          onDone={() => setReload((n) => n + 1)}
        />
      </Toggle>
      <ListView spec={activityList} reloadKey={reload} />
    </>
  );
}

// ---------------------------------------------------------------- cases

/** What each step of the case loop sends (see the governance service's case controller). */
const CASE_ACTIONS: Record<string, { label: string; path: string; fields: string[] }> = {
  accept: { label: '受理', path: 'accept', fields: [] },
  reject: { label: '不予受理', path: 'reject', fields: ['reason'] },
  markDuplicate: { label: '标记重复', path: 'mark-duplicate', fields: ['duplicateOf'] },
  dispatch: { label: '派遣', path: 'dispatch', fields: ['assigneeKind', 'assigneeId', 'instructions'] },
  return: { label: '退回', path: 'return', fields: ['reason'] },
  handle: { label: '处置反馈', path: 'handle', fields: ['feedback'] },
  verify: { label: '核查通过', path: 'verify', fields: ['note'] },
  rework: { label: '要求返工', path: 'rework', fields: ['reason'] },
  close: { label: '结案', path: 'close', fields: [] },
  rate: { label: '满意度评价', path: 'rate', fields: ['satisfaction', 'comment'] },
  hold: { label: '挂账', path: 'hold', fields: ['reason'] },
  resume: { label: '恢复办理', path: 'resume', fields: [] },
};

export function CasesPage() {
  const [reload, setReload] = useState(0);
  const [moving, setMoving] = useState<Record<string, string> | undefined>(undefined);
  const list: ListSpec<Row> = {
    title: '案件',
    testId: 'list-cases',
    path: '/api/governance/cases',
    pageParam: 'after',
    page: (a) => objectPage<Row>(a),
    rowKey: (r) => s(r.caseId),
    filters: [
      { name: 'status', label: '状态', options: options(CASE_STATES) },
      { name: 'kind', label: '类别', options: options(CASE_KINDS) },
      { name: 'gridId', label: '网格编号' },
      {
        name: 'overdue',
        label: '超期',
        options: [
          { value: 'true', label: '仅超期' },
          { value: 'false', label: '未超期' },
        ],
      },
    ],
    columns: [
      { header: '案件编号', value: (r) => r.caseId },
      { header: '标题', value: (r) => r.title },
      { header: '类别', value: (r) => label(CASE_KINDS, r.kind) },
      { header: '紧急程度', value: (r) => label(CASE_PRIORITIES, r.priority) },
      { header: '状态', value: (r) => label(CASE_STATES, r.status) },
      { header: '网格', value: (r) => r.gridId },
      { header: '上报时间', value: (r) => formatTime(r.reportedAt) },
      { header: '办理时限', value: (r) => formatTime(r.dueAt) },
      { header: '超期', value: (r) => (r.overdue ? '是' : '否') },
      {
        header: '操作',
        value: () => '',
        render: (r) => (
          <button
            type="button"
            className="link"
            data-testid={`move-case-${s(r.caseId)}`}
            onClick={() => setMoving({ caseId: s(r.caseId), action: 'accept', expectedVersion: s(r.version) })}
          >
            流转
          </button>
        ),
      },
    ],
  };
  const report: Field[] = [
    { name: 'title', label: '标题', required: true },
    { name: 'kind', label: '类别', type: 'select', required: true, options: options(CASE_KINDS) },
    { name: 'priority', label: '紧急程度', type: 'select', options: options(CASE_PRIORITIES) },
    { name: 'description', label: '情况描述', type: 'textarea', required: true },
    { name: 'gridId', label: '网格编号', required: true },
    { name: 'source', label: '来源', type: 'select', options: options(CASE_SOURCES) },
    { name: 'requesterName', label: '诉求人称呼', hint: '不要填写电话和身份证号' },
    { name: 'workerId', label: '负责网格员编号', hint: '网格员上报时为本人' },
  ];
  const move: Field[] = [
    { name: 'caseId', label: '案件编号', required: true },
    { name: 'action', label: '操作', type: 'select', required: true, options: Object.entries(CASE_ACTIONS).map(([value, a]) => ({ value, label: a.label })) },
    { name: 'reason', label: '原因', when: (v) => CASE_ACTIONS[v.action]?.fields.includes('reason') },
    { name: 'duplicateOf', label: '重复的案件编号', when: (v) => v.action === 'markDuplicate' },
    { name: 'assigneeKind', label: '承办方类型', type: 'select', required: true, options: options(ASSIGNEE_KINDS), apiKey: 'assignee.kind', when: (v) => v.action === 'dispatch' },
    { name: 'assigneeId', label: '承办方编号', required: true, apiKey: 'assignee.id', when: (v) => v.action === 'dispatch' },
    { name: 'instructions', label: '派遣要求', when: (v) => v.action === 'dispatch' },
    { name: 'feedback', label: '处置情况', type: 'textarea', when: (v) => v.action === 'handle' },
    { name: 'note', label: '核查意见', when: (v) => v.action === 'verify' },
    { name: 'satisfaction', label: '满意度（1-5）', type: 'number', when: (v) => v.action === 'rate' },
    { name: 'comment', label: '评价意见', when: (v) => v.action === 'rate' },
    { name: 'expectedVersion', label: '版本号', hint: '从列表“流转”带入；他人已先处理时返回冲突' },
  ];
  return (
    <>
      <div className="toggles">
        <Toggle label="上报案件" testId="open-case-form">
          <CommandForm
            title="上报案件"
            testId="form-case"
            fields={report}
            submitLabel="上报"
            onSubmit={(v) => api('POST', '/api/governance/cases', compact(v))}
            success={(r) => `已上报案件 ${s((r as Row).caseId)}`}
            onDone={() => setReload((n) => n + 1)}
          />
        </Toggle>
        <Toggle label="案件流转" testId="open-case-move-form" openWhen={moving}>
          <CommandForm
            title="案件流转（受理、派遣、处置、核查、结案…）"
            testId="form-case-move"
            fields={move}
            initial={moving ?? { action: 'accept' }}
            submitLabel="提交"
            onSubmit={({ caseId, action, assigneeKind, assigneeId, satisfaction, expectedVersion, ...rest }) => {
              const step = CASE_ACTIONS[action ?? ''] ?? CASE_ACTIONS.accept;
              const body = compact({
                ...rest,
                ...(action === 'dispatch' ? { assignee: { kind: assigneeKind ?? '', id: assigneeId ?? '' } } : {}),
                satisfaction: satisfaction ? Number(satisfaction) : undefined,
                expectedVersion: expectedVersion ? Number(expectedVersion) : undefined,
              });
              return api('POST', `/api/governance/cases/${encodeURIComponent(caseId ?? '')}/${step.path}`, body);
            }}
            success={(r) => `案件 ${s((r as Row).caseId)} 当前状态：${label(CASE_STATES, (r as Row).status)}`}
            onDone={() => setReload((n) => n + 1)}
          />
        </Toggle>
      </div>
      <ListView spec={list} reloadKey={reload} />
    </>
  );
}

// ---------------------------------------------------------------- enterprise requests

const requestList: ListSpec<Row> = {
  title: '企业诉求',
  testId: 'list-requests',
  path: '/api/enterprise/service-requests',
  pageParam: 'after',
  page: (a) => objectPage<Row>(a),
  rowKey: (r) => s(r.requestId),
  filters: [
    { name: 'status', label: '状态', options: options(REQUEST_STATUSES) },
    { name: 'category', label: '类别', options: options(REQUEST_CATEGORIES) },
    { name: 'department', label: '责任部门', options: options(DEPARTMENTS) },
    { name: 'creditCode', label: '统一社会信用代码' },
  ],
  columns: [
    { header: '诉求编号', value: (r) => r.requestId },
    { header: '标题', value: (r) => r.title },
    { header: '类别', value: (r) => label(REQUEST_CATEGORIES, r.category) },
    { header: '企业信用代码', value: (r) => r.creditCode },
    { header: '责任部门', value: (r) => label(DEPARTMENTS, r.department) },
    { header: '状态', value: (r) => s(r.statusName) || label(REQUEST_STATUSES, r.status) },
    { header: '提交时间', value: (r) => formatTime(r.submittedAt) },
    { header: '满意度', value: (r) => r.satisfaction },
  ],
};

export function RequestsPage() {
  const [reload, setReload] = useState(0);
  const fields: Field[] = [
    { name: 'creditCode', label: '企业统一社会信用代码', required: true },
    { name: 'category', label: '诉求类别', type: 'select', required: true, options: options(REQUEST_CATEGORIES) },
    { name: 'title', label: '标题', required: true },
    { name: 'description', label: '诉求内容', type: 'textarea', required: true },
  ];
  return (
    <>
      <Toggle label="提交企业诉求" testId="open-request-form">
        <CommandForm
          title="提交企业诉求"
          testId="form-request"
          fields={fields}
          submitLabel="提交"
          onSubmit={(v) => api('POST', '/api/enterprise/service-requests', compact(v))}
          success={(r) => `已提交诉求 ${s((r as Row).requestId)}`}
          onDone={() => setReload((n) => n + 1)}
        />
      </Toggle>
      <ListView spec={requestList} reloadKey={reload} />
    </>
  );
}

// ---------------------------------------------------------------- event catalogue

interface CatalogueEntry {
  type: string;
  context?: string;
  name?: string;
  version?: number;
  descriptionZh?: string;
  descriptionEn?: string;
  personalFields?: string[];
  schema?: unknown;
  example?: unknown;
}

export function EventsPage() {
  const [entries, setEntries] = useState<CatalogueEntry[] | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [context, setContext] = useState('');
  useEffect(() => {
    api<unknown>('GET', '/api/events/catalogue')
      .then((a) => setEntries(Array.isArray(a) ? (a as CatalogueEntry[]) : Array.isArray((a as { events?: unknown })?.events) ? (a as { events: CatalogueEntry[] }).events : []))
      .catch((e) => (e instanceof ApiError && e.status === 404 ? setMissing(true) : setError(e)));
  }, []);
  const contexts = [...new Set((entries ?? []).map((e) => e.context ?? e.type.split('.')[0]))];
  const shown = (entries ?? []).filter((e) => !context || (e.context ?? e.type.split('.')[0]) === context);
  return (
    <section className="list" data-testid="events-catalogue">
      <div className="list-toolbar">
        <h2>事件目录</h2>
        {entries && (
          <label>
            业务领域
            <select value={context} onChange={(e) => setContext(e.target.value)}>
              <option value="">全部</option>
              {contexts.map((c) => (
                <option key={c} value={c}>
                  {CONTEXT_NAMES[c] ?? c}
                </option>
              ))}
            </select>
          </label>
        )}
        {entries && <span className="export-note">共 {shown.length} 种事件</span>}
      </div>
      {missing && (
        <p className="notice" data-testid="events-missing">
          网关暂未提供事件目录（/api/events/catalogue），请稍后再试。
        </p>
      )}
      <ErrorBox error={error} testId="events-error" />
      {shown.map((e) => (
        <details key={e.type} className="event">
          <summary>
            <code>{e.type}</code> <span className="badge">{CONTEXT_NAMES[e.context ?? ''] ?? e.context}</span> {e.descriptionZh ?? e.name}
            {e.personalFields && e.personalFields.length > 0 && <span className="badge warn">含个人信息：{e.personalFields.join('、')}</span>}
          </summary>
          {e.descriptionEn && <p className="muted">{e.descriptionEn}</p>}
          <div className="event-body">
            <div>
              <h4>结构（JSON Schema）</h4>
              <pre>{JSON.stringify(e.schema ?? {}, null, 2)}</pre>
            </div>
            <div>
              <h4>示例</h4>
              <pre>{JSON.stringify(e.example ?? {}, null, 2)}</pre>
            </div>
          </div>
        </details>
      ))}
    </section>
  );
}
