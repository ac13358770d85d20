// 看板: every figure `GET /api/dashboard` answers with, whatever it is. Numbers
// become cards and bar charts, groups of numbers a chart each, lists of records
// (rankings) a bar chart and a table. A field that is missing or null is skipped.
import { useEffect, useRef, useState } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api } from './api';
import { CONTEXT_NAMES, FIGURE_LABELS, figureLabel, formatTime } from './labels';
import { dashboardQuery, useSelection } from './scope';
import { ErrorBox } from './ui';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

const PALETTE = ['#c8102e', '#e8a33d', '#3d7ea6', '#5a9e6f', '#8e6bb8', '#d96c4f', '#4f9fa8', '#a0a0a0'];

type EChartsOption = Parameters<echarts.ECharts['setOption']>[0];

export function Chart({ option, testId, height = 280 }: { option: EChartsOption; testId?: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.setOption({ animation: false, color: PALETTE, textStyle: { fontFamily: 'inherit' }, ...option });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [JSON.stringify(option)]);
  return <div className="chart" ref={ref} style={{ height }} data-testid={testId} />;
}

interface Figure {
  key: string;
  label: string;
  /** null: the figure exists but has nothing to measure yet (a rate over zero cases). */
  value: number | null;
}

interface Group {
  key: string;
  label: string;
  figures: Figure[];
}

interface RecordList {
  key: string;
  label: string;
  rows: Record<string, unknown>[];
}

/** Fields that describe the answer rather than count anything. */
const META = new Set(['scope', 'id', 'name', 'jurisdiction', 'freshness', 'sources', 'generatedAt', 'asOf', 'period', 'month', 'year', 'since', 'until']);
/** Settings shipped along with figures (the points rules of the rankings): not figures themselves. */
const NOT_FIGURES = new Set(['rules', 'thresholds', 'targets']);

const isRate = (key: string) => /(^rate|Rate)$/.test(key);
const isAverage = (key: string) => /^average|Average$|satisfaction$/i.test(key);

export function formatFigure(key: string, value: number | null): string {
  if (value === null) return '—';
  if (isRate(key)) return `${(value * 100).toFixed(1)}%`;
  if (isAverage(key)) return value.toFixed(2).replace(/\.?0+$/, '');
  return Number.isInteger(value) ? value.toLocaleString('zh-CN') : value.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
}

/** A figure's label: by its path first (`stars.rated`), then by its name; `rate` takes its parent's name. */
function labelAt(path: string[], parentLabel: string): string {
  const key = path[path.length - 1];
  const pathKey = path.slice(-2).join('.');
  if (FIGURE_LABELS[pathKey]) return FIGURE_LABELS[pathKey];
  if (key === 'rate' && parentLabel) return `${parentLabel}率`;
  if (/^\d+$/.test(key)) return path.includes('stars') ? `${key} 星` : key;
  return figureLabel(key);
}

/**
 * Splits the answer into top-level figures, groups (every object of numbers, at
 * any depth, is a group of its own) and lists of records (rankings).
 */
export function analyse(answer: Record<string, unknown>): { top: Figure[]; groups: Group[]; lists: RecordList[] } {
  const top: Figure[] = [];
  const groups: Group[] = [];
  const lists: RecordList[] = [];
  const recordsOf = (value: unknown[]) => value.filter((v): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v));
  const visit = (obj: Record<string, unknown>, path: string[], label: string) => {
    const figures: Figure[] = [];
    for (const [key, value] of Object.entries(obj)) {
      if (META.has(key) || NOT_FIGURES.has(key)) continue;
      const at = [...path, key];
      const name = labelAt(at, label);
      if (typeof value === 'number' && Number.isFinite(value)) figures.push({ key, label: name, value });
      else if (value === null && (isRate(key) || isAverage(key))) figures.push({ key, label: name, value: null });
      else if (Array.isArray(value)) {
        const rows = recordsOf(value);
        if (rows.length > 0) lists.push({ key: at.join('.'), label: name === key ? `${label}·${name}` : name, rows });
      } else if (value && typeof value === 'object') visit(value as Record<string, unknown>, at, path.length === 0 ? name : `${label}·${name}`);
    }
    if (path.length === 0) top.push(...figures);
    else if (figures.length > 0) groups.push({ key: path.join('.'), label, figures });
  };
  visit(answer, [], '');
  return { top, groups, lists };
}

function barOption(figures: Figure[], horizontal = false): EChartsOption {
  const names = figures.map((f) => f.label);
  const values = figures.map((f) => f.value ?? 0);
  const category = { type: 'category' as const, data: names, axisLabel: { interval: 0, rotate: horizontal ? 0 : names.length > 5 ? 30 : 0 } };
  const value = { type: 'value' as const, minInterval: 1 };
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: horizontal ? 120 : 48, right: 24, top: 24, bottom: horizontal ? 24 : 72 },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: [{ type: 'bar', data: values, barMaxWidth: 36, label: { show: true, position: horizontal ? 'right' : 'top' }, colorBy: 'data' }],
  };
}

function pieOption(title: string, parts: Array<{ name: string; value: number }>): EChartsOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', name: title, radius: ['40%', '68%'], center: ['50%', '45%'], data: parts, label: { formatter: '{b}\n{c}' } }],
  };
}

/** The name of a ranking row and its score: the first text field and the first number. */
function rowLabel(row: Record<string, unknown>): string {
  for (const k of ['name', 'title', 'label', 'memberName', 'memberId', 'organizationName', 'zoneName', 'organizationId'])
    if (typeof row[k] === 'string' && row[k]) return row[k] as string;
  const text = Object.values(row).find((v) => typeof v === 'string');
  return text ? String(text) : '';
}

const SCORE_KEYS = ['points', 'averagePoints', 'score', 'value', 'count', 'hours', 'total'];

function rowScore(row: Record<string, unknown>): { key: string; value: number } | null {
  for (const k of SCORE_KEYS) if (typeof row[k] === 'number' && Number.isFinite(row[k])) return { key: k, value: row[k] as number };
  for (const [k, v] of Object.entries(row)) if (typeof v === 'number' && Number.isFinite(v) && k !== 'rank' && k !== 'version') return { key: k, value: v };
  return null;
}

interface Source {
  lastEventAt?: string | null;
  stale?: boolean;
  reachable?: boolean;
  staleAfterSeconds?: number;
}

/** Each source's newest event; `sources` (with 数据可能滞后 for a stale one) where the gateway answers it, else `freshness`. */
function Freshness({ value, sources }: { value: unknown; sources: unknown }) {
  const rows: Array<[string, Source]> =
    sources && typeof sources === 'object'
      ? Object.entries(sources as Record<string, Source>)
      : value && typeof value === 'object'
        ? Object.entries(value as Record<string, unknown>).map(([k, at]) => [k, { lastEventAt: typeof at === 'string' ? at : null }])
        : [];
  if (rows.length === 0) return null;
  const threshold = rows.find(([, s]) => s.staleAfterSeconds)?.[1].staleAfterSeconds;
  return (
    <table className="freshness" data-testid="dashboard-freshness">
      <caption>数据更新时间（各来源最后一条事件{threshold ? `；服务 ${threshold} 秒无响应即标为滞后` : ''}）</caption>
      <tbody>
        {rows.map(([source, s]) => (
          <tr key={source} data-source={source} data-stale={s.stale ? 'true' : 'false'}>
            <th>{CONTEXT_NAMES[source] ?? source}</th>
            <td>{s.lastEventAt ? formatTime(s.lastEventAt) : '尚无事件'}</td>
            <td>{s.stale ? <span className="stale">服务不可达，数据可能滞后</span> : s.reachable === false ? '连接中' : s.stale === false ? '正常' : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DashboardPage() {
  const selection = useSelection();
  const [answer, setAnswer] = useState<Record<string, unknown> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadedAt, setLoadedAt] = useState<Date | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    api<Record<string, unknown>>('GET', '/api/dashboard', undefined, dashboardQuery(selection))
      .then((a) => {
        if (!live) return;
        setAnswer(a && typeof a === 'object' ? a : {});
        setLoadedAt(new Date());
      })
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [selection.level, selection.districtId, selection.subDistrictId, selection.zoneId, tick]);

  const { top, groups, lists } = analyse(answer ?? {});
  const counts = top.filter((f) => !isRate(f.key) && !isAverage(f.key));
  const figure = (key: string) => top.find((f) => f.key === key)?.value ?? undefined;
  const members = figure('members');
  const probationary = figure('probationaryMembers');
  const floating = figure('floatingMembers');

  return (
    <section className="dashboard" data-testid="dashboard">
      <div className="list-toolbar">
        <h2>看板 · {typeof answer?.name === 'string' ? answer.name : selection.name}</h2>
        <button type="button" onClick={() => setTick((t) => t + 1)}>
          刷新
        </button>
        {loadedAt && <span className="export-note">查询时间 {formatTime(loadedAt.toISOString())}</span>}
      </div>
      <ErrorBox error={error} testId="dashboard-error" />
      {answer && (
        <>
          <div className="cards" data-testid="dashboard-cards">
            {top.map((f) => (
              <div className="card" key={f.key} data-figure={f.key}>
                <div className="card-value">{formatFigure(f.key, f.value)}</div>
                <div className="card-label">{f.label}</div>
              </div>
            ))}
            {groups.flatMap((g) =>
              g.figures
                .filter((f) => isRate(f.key) || isAverage(f.key))
                .map((f) => (
                  <div className="card secondary" key={`${g.key}.${f.key}`} data-figure={`${g.key}.${f.key}`}>
                    <div className="card-value">{formatFigure(f.key, f.value)}</div>
                    <div className="card-label">{f.key === 'rate' ? f.label : `${g.label}·${f.label}`}</div>
                  </div>
                )),
            )}
          </div>
          <div className="charts">
            {counts.length > 0 && (
              <div className="chart-card">
                <h3>总体概况</h3>
                <Chart option={barOption(counts)} testId="chart-overview" />
              </div>
            )}
            {members !== undefined && members > 0 && (probationary !== undefined || floating !== undefined) && (
              <div className="chart-card">
                <h3>党员结构</h3>
                <Chart
                  testId="chart-members"
                  option={pieOption('党员结构', [
                    ...(probationary !== undefined
                      ? [
                          { name: '正式党员', value: Math.max(0, members - probationary) },
                          { name: '预备党员', value: probationary },
                        ]
                      : []),
                    ...(probationary === undefined && floating !== undefined
                      ? [
                          { name: '本地党员', value: Math.max(0, members - floating) },
                          { name: '流动党员', value: floating },
                        ]
                      : []),
                  ])}
                />
              </div>
            )}
            {groups.map((g) => {
              const plain = g.figures.filter((f) => !isRate(f.key) && !isAverage(f.key));
              if (plain.length === 0) return null;
              return (
                <div className="chart-card" key={g.key}>
                  <h3>{g.label}</h3>
                  <Chart option={barOption(plain)} testId={`chart-${g.key}`} />
                </div>
              );
            })}
            {lists.map((l) => {
              const scored = l.rows.map((r) => ({ label: rowLabel(r), score: rowScore(r) })).filter((r) => r.score);
              return (
                <div className="chart-card" key={l.key}>
                  <h3>{l.label}</h3>
                  {scored.length > 0 ? (
                    <Chart
                      height={Math.max(160, Math.min(10, scored.length) * 28 + 48)}
                      testId={`chart-${l.key}`}
                      option={barOption(
                        scored.slice(0, 10).map((r, i) => ({ key: r.score!.key, label: r.label || `第 ${i + 1} 名`, value: r.score!.value })),
                        true,
                      )}
                    />
                  ) : (
                    <p className="empty">暂无数据</p>
                  )}
                </div>
              );
            })}
          </div>
          {top.length === 0 && groups.length === 0 && lists.length === 0 && <p className="empty">该辖区暂无统计数据</p>}
          <Freshness value={answer.freshness} sources={answer.sources} />
        </>
      )}
    </section>
  );
}
