// Building blocks of every page: error display, a form bound to one API command,
// and a paginated list with filters and CSV export.
import { FormEvent, ReactNode, useEffect, useMemo, useState } from 'react';
import { api, ApiError, Query } from './api';
import { csvFileName, download, toCsv } from './csv';
import { listFilter, useSelection } from './scope';

export function errorMessages(error: unknown): string[] {
  if (error instanceof ApiError) return error.messages.length > 0 ? error.messages : [`请求失败（${error.status}）`];
  return [error instanceof Error ? error.message : String(error)];
}

const STATUS_HINTS: Record<number, string> = {
  400: '提交的内容有误，请按提示修改：',
  401: '未登录或登录已失效：',
  403: '没有权限：',
  404: '未找到：',
  409: '与当前状态冲突：',
  422: '不符合业务规则：',
  429: '操作过于频繁：',
  503: '服务暂不可用：',
};

export function ErrorBox({ error, testId }: { error: unknown; testId?: string }) {
  if (!error) return null;
  const status = error instanceof ApiError ? error.status : 0;
  const lines = errorMessages(error);
  return (
    <div className="error-box" role="alert" data-testid={testId ?? 'error'} data-status={status}>
      {STATUS_HINTS[status] && <strong>{STATUS_HINTS[status]}</strong>}
      {lines.length === 1 ? (
        <span> {lines[0]}</span>
      ) : (
        <ul>
          {lines.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export interface Choice {
  value: string;
  label: string;
}

export interface Field {
  name: string;
  label: string;
  type?: 'text' | 'select' | 'date' | 'datetime' | 'number' | 'textarea' | 'password';
  options?: Choice[];
  required?: boolean;
  placeholder?: string;
  hint?: string;
  defaultValue?: string;
  /** The request field the server names in its messages, when it differs from `name`. */
  apiKey?: string;
  /** Shown only when this returns true for the current values. */
  when?: (values: Record<string, string>) => boolean;
}

/** The field a server message is about: messages start with the request field's name. */
function fieldOf(message: string, fields: Field[]): Field | undefined {
  const head = message.split(/[\s：:，,的]/)[0];
  return fields.find((f) => (f.apiKey ?? f.name) === head || head.startsWith(`${f.apiKey ?? f.name}.`) || head.startsWith(`${f.apiKey ?? f.name}[`));
}

interface FormProps {
  title: string;
  fields: Field[];
  submitLabel: string;
  onSubmit: (values: Record<string, string>) => Promise<unknown>;
  /** What to tell the user after success. */
  success?: (result: unknown) => string;
  testId: string;
  onDone?: (result: unknown) => void;
  initial?: Record<string, string>;
}

export function CommandForm({ title, fields, submitLabel, onSubmit, success, testId, onDone, initial }: FormProps) {
  const defaults = () =>
    Object.fromEntries(fields.map((f) => [f.name, initial?.[f.name] ?? f.defaultValue ?? (f.type === 'select' && f.required ? (f.options?.[0]?.value ?? '') : '')]));
  const [values, setValues] = useState<Record<string, string>>(defaults);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (initial) setValues((v) => ({ ...v, ...initial }));
  }, [JSON.stringify(initial ?? {})]);

  const byField = useMemo(() => {
    const map = new Map<string, string[]>();
    if (error instanceof ApiError && (error.status === 400 || error.status === 422)) {
      for (const m of error.messages) {
        const f = fieldOf(m, fields);
        if (f) map.set(f.name, [...(map.get(f.name) ?? []), m]);
      }
    }
    return map;
  }, [error]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const visible = Object.fromEntries(Object.entries(values).filter(([k]) => fields.find((f) => f.name === k)?.when?.(values) ?? true));
      const result = await onSubmit(visible);
      setDone(success ? success(result) : '已提交');
      onDone?.(result);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    // submit catches every error itself and shows it, so nothing awaits or handles its promise
    <form className="command-form" data-testid={testId} onSubmit={(e) => void submit(e)} noValidate>
      <h3>{title}</h3>
      <ErrorBox error={error} testId={`${testId}-error`} />
      {done && (
        <div className="success-box" role="status" data-testid={`${testId}-success`}>
          {done}
        </div>
      )}
      <div className="form-grid">
        {fields
          .filter((f) => f.when?.(values) ?? true)
          .map((f) => {
            const problems = byField.get(f.name);
            const common = {
              name: f.name,
              'aria-invalid': problems ? true : undefined,
              value: values[f.name] ?? '',
              placeholder: f.placeholder,
              onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f.name]: e.target.value })),
            };
            return (
              <label key={f.name} className={problems ? 'field invalid' : 'field'}>
                <span className="field-label">
                  {f.label}
                  {f.required && <em className="required">*</em>}
                </span>
                {f.type === 'select' ? (
                  <select {...common}>
                    {!f.required && <option value="">（不填）</option>}
                    {(f.options ?? []).map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                ) : f.type === 'textarea' ? (
                  <textarea {...common} rows={3} />
                ) : (
                  <input
                    {...common}
                    type={f.type === 'datetime' ? 'datetime-local' : f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : f.type === 'password' ? 'password' : 'text'}
                  />
                )}
                {f.hint && <small className="hint">{f.hint}</small>}
                {problems && (
                  <small className="field-error" data-testid={`field-error-${f.name}`}>
                    {problems.join('；')}
                  </small>
                )}
              </label>
            );
          })}
      </div>
      <button type="submit" disabled={busy}>
        {busy ? '提交中…' : submitLabel}
      </button>
    </form>
  );
}

/** Empty inputs are left out, so the server's defaults and its "required" messages apply. */
export function compact(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined && v !== null));
}

export interface Column<T> {
  header: string;
  value: (row: T) => unknown;
  render?: (row: T) => ReactNode;
}

export interface Filter {
  name: string;
  label: string;
  options?: Choice[];
  placeholder?: string;
  type?: 'text' | 'date';
}

export interface ListSpec<T> {
  title: string;
  path: string;
  columns: Column<T>[];
  filters?: Filter[];
  /** Items and the next page's token from one answer. */
  page: (answer: unknown, limit: number) => { items: T[]; next: string | null };
  pageParam: 'after' | 'cursor';
  pageSize?: number;
  rowKey: (row: T) => string;
  testId: string;
  /** Extra query parameters derived from the filters (e.g. a date turned into a time). */
  query?: (filters: Record<string, string>) => Query;
  /** Completes a page's rows from another source before they are shown or exported (e.g. names for ids). */
  decorate?: (rows: T[]) => Promise<T[]>;
}

const EXPORT_LIMIT = 5000;

export function ListView<T>({ spec, reloadKey }: { spec: ListSpec<T>; reloadKey?: number }) {
  const selection = useSelection();
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [applied, setApplied] = useState<Record<string, string>>({});
  const [rows, setRows] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [exportNote, setExportNote] = useState<string | null>(null);
  const limit = spec.pageSize ?? 20;

  const queryFor = (page: string | undefined, size: number): Query => {
    const own = spec.query ? spec.query(applied) : applied;
    return { ...listFilter(selection), ...own, limit: size, [spec.pageParam]: page };
  };

  // A new jurisdiction, filter or reload starts again at the first page.
  const resetKey = JSON.stringify([listFilter(selection), applied, reloadKey ?? 0]);
  const [paging, setPaging] = useState<{ key: string; cursors: (string | undefined)[] }>({ key: resetKey, cursors: [undefined] });
  const cursors = paging.key === resetKey ? paging.cursors : [undefined];
  const setCursors = (change: (c: (string | undefined)[]) => (string | undefined)[]) => setPaging({ key: resetKey, cursors: change(cursors) });

  const current = cursors[cursors.length - 1];
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    api<unknown>('GET', spec.path, undefined, queryFor(current, limit))
      .then(async (answer) => {
        const p = spec.page(answer, limit);
        const items = spec.decorate ? await spec.decorate(p.items) : p.items;
        if (!live) return;
        setRows(items);
        setNext(p.next);
      })
      .catch((e) => {
        if (!live) return;
        setRows([]);
        setNext(null);
        setError(e);
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [resetKey, current, cursors.length, spec.path]);

  const exportCsv = async () => {
    setExportNote('正在导出…');
    try {
      const all: T[] = [];
      let page: string | undefined;
      const size = Math.min(100, Math.max(limit, 50));
      for (;;) {
        const p = spec.page(await api<unknown>('GET', spec.path, undefined, queryFor(page, size)), size);
        all.push(...(spec.decorate ? await spec.decorate(p.items) : p.items));
        if (!p.next || all.length >= EXPORT_LIMIT) {
          if (p.next) setExportNote(`记录过多，仅导出前 ${all.length} 条`);
          else setExportNote(`已导出 ${all.length} 条`);
          break;
        }
        page = p.next;
      }
      download(
        csvFileName(`${spec.title}_${selection.name}`),
        toCsv(
          spec.columns.map((c) => ({ header: c.header, value: c.value })),
          all,
        ),
      );
    } catch (e) {
      setExportNote(`导出失败：${errorMessages(e).join('；')}`);
    }
  };

  return (
    <section className="list" data-testid={spec.testId}>
      <div className="list-toolbar">
        <h2>
          {spec.title}
          <small className="scope-note">（{selection.name}）</small>
        </h2>
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            setApplied(Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')));
          }}
        >
          {(spec.filters ?? []).map((f) => (
            <label key={f.name}>
              {f.label}
              {f.options ? (
                <select name={f.name} value={filters[f.name] ?? ''} onChange={(e) => setFilters((v) => ({ ...v, [f.name]: e.target.value }))}>
                  <option value="">全部</option>
                  {f.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  name={f.name}
                  type={f.type ?? 'text'}
                  placeholder={f.placeholder}
                  value={filters[f.name] ?? ''}
                  onChange={(e) => setFilters((v) => ({ ...v, [f.name]: e.target.value }))}
                />
              )}
            </label>
          ))}
          {(spec.filters ?? []).length > 0 && <button type="submit">筛选</button>}
          <button type="button" data-testid={`${spec.testId}-export`} onClick={() => void exportCsv()}>
            导出 CSV
          </button>
          {exportNote && <span className="export-note">{exportNote}</span>}
        </form>
      </div>
      <ErrorBox error={error} testId={`${spec.testId}-error`} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              {spec.columns.map((c) => (
                <th key={c.header}>{c.header}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={spec.rowKey(r)}>
                {spec.columns.map((c) => (
                  // data-label names the cell where a phone shows each row as a card
                  <td key={c.header} data-label={c.header}>
                    {c.render ? c.render(r) : String(c.value(r) ?? '')}
                  </td>
                ))}
              </tr>
            ))}
            {!loading && rows.length === 0 && !error && (
              <tr>
                <td colSpan={spec.columns.length} className="empty">
                  暂无记录
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <button type="button" disabled={cursors.length <= 1 || loading} onClick={() => setCursors((c) => c.slice(0, -1))}>
          上一页
        </button>
        <span>
          第 {cursors.length} 页{loading ? '（加载中…）' : ''}
        </span>
        <button type="button" disabled={!next || loading} onClick={() => setCursors((c) => [...c, next!])}>
          下一页
        </button>
      </div>
    </section>
  );
}

/** Pages for lists answered as plain arrays, paged by the last record's id. */
export function arrayPage<T>(idOf: (row: T) => string) {
  return (answer: unknown, limit: number) => {
    const items = Array.isArray(answer) ? (answer as T[]) : [];
    return { items, next: items.length >= limit && items.length > 0 ? idOf(items[items.length - 1]) : null };
  };
}

/** Pages for lists answered as `{ items, next | nextCursor }`. */
export function objectPage<T>(answer: unknown): { items: T[]; next: string | null } {
  const a = (answer ?? {}) as { items?: T[]; next?: string | null; nextCursor?: string | null };
  return { items: Array.isArray(a.items) ? a.items : [], next: a.next ?? a.nextCursor ?? null };
}

/** Opens and closes a form above a list. */
export function Toggle({ label: text, testId, children, openWhen }: { label: string; testId: string; children: ReactNode; openWhen?: unknown }) {
  const [open, setOpen] = useState(false);
  // A row's action button opens the form it fills in.
  useEffect(() => {
    if (openWhen) setOpen(true);
  }, [openWhen]);
  return (
    <div className="toggle">
      <button type="button" className={open ? 'secondary' : 'primary'} data-testid={testId} onClick={() => setOpen((o) => !o)}>
        {open ? `收起：${text}` : text}
      </button>
      {open && <div className="toggle-body">{children}</div>}
    </div>
  );
}
