import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { randomUUID } from 'crypto';
import { MemberRegistered, MemberRegisteredData } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Actor, Clock, ServiceConfig } from '@pb/platform';
import { DomainError } from '@pb/platform/domain-error';
import { chinaDate } from '../../domain/member/dates';
import { isValidCalendarDate, normalizeIdNumber } from '../../domain/member/id-number';
import { decideRegistration, Member, OrganizationRef, RegistrationRequest } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { CsvRecord, CsvSyntaxError, parseCsv } from '../../infrastructure/import/csv';
import { MemberImports } from '../../infrastructure/import/member-import.log';
import { MemberOrganizations } from '../../infrastructure/member/member-organizations';
import { MemberPersonalData } from '../../infrastructure/member/member-personal-data';
import type { MembershipConfig } from '../../membership.config';
import { assertMayManage, idNumberTaken } from '../member/member-access';

/** The columns of the import file, as the offices' spreadsheets name them. */
export const IMPORT_COLUMNS = {
  name: '姓名',
  gender: '性别',
  birthDate: '出生日期',
  idNumber: '身份证号',
  phone: '手机号',
  employerName: '工作单位',
  employerCreditCode: '统一社会信用代码',
  organizationId: '所在党组织',
  status: '党员类型',
  joinedOn: '入党日期',
} as const;
/** Optional: a fixed member id (demo data, re-imports that must land on the same ids). */
export const MEMBER_ID_COLUMN = '党员编号';

type Field = keyof typeof IMPORT_COLUMNS | 'memberId';
const COLUMN_OF: Record<Field, string> = { ...IMPORT_COLUMNS, memberId: MEMBER_ID_COLUMN };
const REQUIRED: Field[] = ['name', 'gender', 'birthDate', 'idNumber', 'phone', 'organizationId', 'status', 'joinedOn'];
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const GENDERS: Record<string, 'MALE' | 'FEMALE'> = { 男: 'MALE', 女: 'FEMALE', MALE: 'MALE', FEMALE: 'FEMALE' };
const STATUSES: Record<string, 'FULL' | 'PROBATIONARY'> = { 正式党员: 'FULL', 预备党员: 'PROBATIONARY', 正式: 'FULL', 预备: 'PROBATIONARY', FULL: 'FULL', PROBATIONARY: 'PROBATIONARY' };
/** Rows written per round trip: claims, encrypted numbers, events and snapshots each go in one insertMany. */
const BATCH = 500;
const MAX_REPORTED = 1000;
/** The rate limit's window: the rows a user imported within the last hour count. */
const RATE_WINDOW_MS = 3_600_000;

export interface RowProblem {
  row: number;
  field: string;
  reason: string;
}

export interface ImportReport {
  importId: string;
  total: number;
  imported: number;
  existing: number;
  failed: number;
  durationMs: number;
  rowsPerSecond: number;
  /** Rows not imported (failed, or 已存在), by spreadsheet row number (the header is row 1). */
  problems: RowProblem[];
  problemsTruncated: boolean;
}

export class ImportMembers {
  constructor(
    readonly csv: string,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

interface Prepared {
  row: number;
  data: MemberRegisteredData;
  idNumber: string;
  phone: string;
  /** The file named the member id (党员编号), rather than one being made up for the row. */
  memberIdGiven: boolean;
}

class RowError extends Error {
  constructor(
    readonly field: Field,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** `2020/7/1` and `2020-7-1` as written in spreadsheets → `2020-07-01`. */
function normalizeDate(value: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value.trim());
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : value.trim();
}

/**
 * 党员批量导入: each valid row is one registration (one event), run a dozen at a
 * time; a row that breaks a rule is reported with its row, column and reason
 * and the rest go on. Registered ID numbers are reported as 已存在, so
 * importing the same file again adds nothing.
 */
@CommandHandler(ImportMembers)
export class ImportMembersHandler implements ICommandHandler<ImportMembers, ImportReport> {
  private readonly logger = new Logger('ImportMembers');

  constructor(
    private readonly organizations: MemberOrganizations,
    private readonly personal: MemberPersonalData,
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
    private readonly clock: Clock,
    private readonly log: MemberImports,
    private readonly config: ServiceConfig,
  ) {}

  async execute({ csv, actor, context }: ImportMembers): Promise<ImportReport> {
    const started = Date.now();
    const importId = `imp-${randomUUID()}`;
    const startedAt = this.clock.now();
    let records: CsvRecord[];
    try {
      records = parseFile(csv);
    } catch (error) {
      // A file that is not CSV is recorded too (one row's worth against the limit): every attempt leaves a trace.
      await this.log.begin({ _id: importId, importedBy: actor.userId, role: actor.role, startedAt, rows: 1 });
      await this.log.finish(importId, 'FAILED', { durationMs: Date.now() - started });
      throw error;
    }
    const rows = records.slice(1);
    await this.log.begin({ _id: importId, importedBy: actor.userId, role: actor.role, startedAt, rows: Math.max(rows.length, 1) });
    await this.checkRate(importId, actor, startedAt, Math.max(rows.length, 1));
    try {
      const report = await this.run(importId, records, actor, context, started);
      await this.log.finish(importId, 'DONE', {
        durationMs: report.durationMs,
        total: report.total,
        imported: report.imported,
        existing: report.existing,
        failed: report.failed,
        rowsPerSecond: report.rowsPerSecond,
      });
      return report;
    } catch (error) {
      await this.log.finish(importId, 'FAILED', { durationMs: Date.now() - started }).catch(() => undefined);
      throw error;
    }
  }

  /**
   * 导入限流: each user may have at most MEMBER_IMPORT_ROWS_PER_HOUR rows looked at within an
   * hour, counted from the import log in the database (so it holds across replicas). The
   * attempt is logged before counting, so of two parallel attempts each sees the other: they
   * may both be refused, never both let through past the limit. A refused attempt is marked
   * and no longer counts. The platform itself (SYSTEM: demo data) is not limited.
   */
  private async checkRate(importId: string, actor: Actor, now: Date, rows: number): Promise<void> {
    if (actor.role === 'SYSTEM') return;
    const limit = (this.config as MembershipConfig).MEMBER_IMPORT_ROWS_PER_HOUR;
    if (rows > limit) {
      await this.log.finish(importId, 'TOO_LARGE');
      throw new DomainError('invalid', 'IMPORT_TOO_LARGE', `单次导入不能超过 ${limit} 行（本文件 ${rows} 行），请拆分后分批导入`, { rows, limit });
    }
    const recent = await this.log.recent(actor.userId, new Date(now.getTime() - RATE_WINDOW_MS));
    let total = recent.reduce((sum, e) => sum + e.rows, 0);
    if (!recent.some((e) => e._id === importId)) total += rows; // not yet visible to the read: count it anyway
    if (total <= limit) return;
    // Wait until enough of the oldest imports leave the window for the total to fit.
    let freeAt = now.getTime() + RATE_WINDOW_MS;
    for (const e of recent) {
      if (e._id === importId) continue;
      total -= e.rows;
      if (total <= limit) {
        freeAt = e.startedAt.getTime() + RATE_WINDOW_MS;
        break;
      }
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
    await this.log.finish(importId, 'RATE_LIMITED');
    throw new HttpException(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'IMPORT_RATE_LIMITED',
        message: `导入过于频繁：每位用户每小时最多导入 ${limit} 行，请 ${retryAfterSeconds} 秒后再试`,
        retryAfterSeconds,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  private async run(importId: string, records: CsvRecord[], actor: Actor, context: CommandContext, started: number): Promise<ImportReport> {
    const header = records[0]!.fields;
    const index = columnIndex(header);
    const rows = records.slice(1);
    const problems: RowProblem[] = [];
    let imported = 0;
    let existing = 0;
    const firstRowOfId = new Map<string, number>();
    const firstRowOfMember = new Map<string, number>();
    const orgCache = new Map<string, Promise<OrganizationRef | string>>();

    const today = chinaDate(this.clock.now());
    const ready: Prepared[] = [];
    for (const record of rows) {
      try {
        const { registration, organization, memberIdGiven } = await this.toRequest(record, index, orgCache, firstRowOfId, firstRowOfMember);
        const { data, idNumber } = decideRegistration(null, organization, organization.organizationId, registration, today);
        assertMayManage(actor, organization);
        ready.push({ row: record.row, data, idNumber, phone: registration.phone, memberIdGiven });
      } catch (error) {
        problems.push({ row: record.row, ...describeFailure(error) });
      }
    }
    const command = { ...context, causationId: importId };
    for (let i = 0; i < ready.length; i += BATCH) {
      const outcome = await this.registerBatch(ready.slice(i, i + BATCH), command, actor);
      imported += outcome.imported;
      existing += outcome.existing.length;
      problems.push(...outcome.existing, ...outcome.failed);
    }

    problems.sort((a, b) => a.row - b.row);
    const durationMs = Date.now() - started;
    return {
      importId,
      total: rows.length,
      imported,
      existing,
      failed: rows.length - imported - existing,
      durationMs,
      rowsPerSecond: Math.round((rows.length / Math.max(durationMs, 1)) * 1000 * 10) / 10,
      problems: problems.slice(0, MAX_REPORTED),
      problemsTruncated: problems.length > MAX_REPORTED,
    };
  }

  /**
   * One batch of valid rows, in the order a single registration takes: ID
   * numbers claimed, numbers stored encrypted, events appended; a row that
   * loses a step has its earlier steps undone and is reported as 已存在.
   */
  private async registerBatch(batch: Prepared[], command: CommandContext, actor: Actor): Promise<{ imported: number; existing: RowProblem[]; failed: RowProblem[] }> {
    const now = this.clock.now();
    const existing: RowProblem[] = [];
    const failed: RowProblem[] = [];
    // A member id the file names that is already on record is refused before its ID number is
    // claimed: otherwise rows reusing one existing id with candidate numbers would be a lookup of
    // which numbers are registered, each claim undone afterwards and nothing kept.
    const named = batch.filter((p) => p.memberIdGiven).map((p) => p.data.memberId);
    const onRecord = new Set((await this.members.statesOf(named)).map((m) => m.memberId));
    const fresh = batch.filter((p) => {
      if (!onRecord.has(p.data.memberId)) return true;
      existing.push({ row: p.row, field: COLUMN_OF.memberId, reason: `已存在（党员编号 ${p.data.memberId} 已登记）` });
      return false;
    });
    const holders = await this.personal.claimMany(
      fresh.map((p) => ({ memberId: p.data.memberId, idNumber: p.idNumber })),
      now,
    );
    const takenBy = [...new Set([...holders.values()].filter((h): h is string => h !== null))];
    const holderStates = new Map((await this.members.statesOf(takenBy)).map((m) => [m.memberId, m]));
    const claimed = fresh.filter((p) => {
      const holder = holders.get(p.data.memberId);
      if (holder === null) return true;
      if (holder === p.data.memberId) {
        existing.push({ row: p.row, field: COLUMN_OF.memberId, reason: `已存在（党员编号 ${holder} 已登记）` });
      } else {
        // The holder is named only to a caller who may read them (inside their jurisdiction).
        const { holderMemberId } = idNumberTaken(actor, holderStates.get(holder ?? '') ?? null);
        existing.push({
          row: p.row,
          field: COLUMN_OF.idNumber,
          reason: holderMemberId ? `已存在（党员 ${holderMemberId}）` : '已存在（该身份证号已登记，如有疑问请联系上级党组织核实）',
        });
      }
      return false;
    });
    // Both set in the try below, whose catch returns.
    let duplicates: Set<string>;
    let appended: Set<string>;
    try {
      duplicates = await this.personal.storeMany(
        claimed.map((p) => ({ memberId: p.data.memberId, idNumber: p.idNumber, phone: p.phone })),
        now,
      );
      const stored = claimed.filter((p) => !duplicates.has(p.data.memberId));
      const created = await this.members.createMany(
        stored.map((p) => ({ id: p.data.memberId, event: { definition: MemberRegistered, data: p.data } })),
        command,
      );
      appended = new Set(created);
    } catch (error) {
      // The database gave up on this batch: free its ID numbers so importing the file again registers these rows.
      this.logger.warn(`import batch of ${claimed.length} rows not stored: ${(error as Error).message}`);
      for (const p of claimed) await this.personal.release(p.data.memberId, p.idNumber, true).catch(() => undefined);
      for (const p of claimed) failed.push({ row: p.row, field: COLUMN_OF.memberId, reason: '系统繁忙，本行未导入，请稍后重新导入该文件' });
      return { imported: 0, existing, failed };
    }
    for (const p of claimed) {
      if (appended.has(p.data.memberId)) continue;
      await this.personal.release(p.data.memberId, p.idNumber, !duplicates.has(p.data.memberId));
      existing.push({ row: p.row, field: COLUMN_OF.memberId, reason: `已存在（党员编号 ${p.data.memberId} 已登记）` });
    }
    return { imported: appended.size, existing, failed };
  }

  private async toRequest(
    record: CsvRecord,
    index: Map<Field, number>,
    orgCache: Map<string, Promise<OrganizationRef | string>>,
    firstRowOfId: Map<string, number>,
    firstRowOfMember: Map<string, number>,
  ): Promise<{ registration: RegistrationRequest; organization: OrganizationRef; memberIdGiven: boolean }> {
    const value = (field: Field) => {
      const i = index.get(field);
      return i === undefined ? '' : (record.fields[i] ?? '').trim();
    };
    for (const field of REQUIRED) if (!value(field)) throw new RowError(field, `${COLUMN_OF[field]}不能为空`);
    const name = value('name');
    if (name.length > 50) throw new RowError('name', '姓名不能超过 50 个字');
    const gender = GENDERS[value('gender').toUpperCase()];
    if (!gender) throw new RowError('gender', '性别须为“男”或“女”');
    const status = STATUSES[value('status').toUpperCase()];
    if (!status) throw new RowError('status', '党员类型须为“正式党员”或“预备党员”');
    const birthDate = normalizeDate(value('birthDate'));
    if (!isValidCalendarDate(birthDate)) throw new RowError('birthDate', '出生日期须为有效日期（如 1990-01-31）');
    const joinedOn = normalizeDate(value('joinedOn'));
    if (!isValidCalendarDate(joinedOn)) throw new RowError('joinedOn', '入党日期须为有效日期（如 2015-07-01）');
    const employerName = value('employerName') || null;
    if (employerName && employerName.length > 100) throw new RowError('employerName', '工作单位不能超过 100 个字');
    const employerCreditCode = value('employerCreditCode').toUpperCase() || null;
    if (employerCreditCode && !CREDIT_CODE.test(employerCreditCode)) throw new RowError('employerCreditCode', '统一社会信用代码须为 18 位有效代码');
    const memberIdGiven = value('memberId') !== '';
    const memberId = value('memberId') || `mem-${randomUUID()}`;
    if (!ID_PATTERN.test(memberId)) throw new RowError('memberId', '党员编号只能包含字母、数字、下划线和连字符（1-64 位）');
    const earlierMember = firstRowOfMember.get(memberId);
    if (earlierMember !== undefined && earlierMember !== record.row) throw new RowError('memberId', `与第 ${earlierMember} 行的党员编号重复`);
    firstRowOfMember.set(memberId, record.row);
    const idNumber = normalizeIdNumber(value('idNumber'));
    const earlier = firstRowOfId.get(idNumber);
    if (earlier !== undefined && earlier !== record.row) throw new RowError('idNumber', `与第 ${earlier} 行的身份证号重复`);
    firstRowOfId.set(idNumber, record.row);
    const orgKey = value('organizationId');
    if (!orgCache.has(orgKey)) orgCache.set(orgKey, this.findOrganization(orgKey));
    const org = await orgCache.get(orgKey)!;
    if (typeof org === 'string') throw new RowError('organizationId', org);
    return {
      registration: { memberId, name, gender, birthDate, idNumber, phone: value('phone'), employerName, employerCreditCode, status, joinedOn },
      organization: org,
      memberIdGiven,
    };
  }

  /** The organization by id, or else by its exact name; a reason when neither finds exactly one. */
  private async findOrganization(key: string): Promise<OrganizationRef | string> {
    if (ID_PATTERN.test(key)) {
      const byId = await this.organizations.find(key);
      if (byId) return byId;
    }
    const byName = await this.organizations.byName(key);
    if (byName.length === 1) return byName[0]!;
    return byName.length === 0 ? `党组织“${key.slice(0, 100)}”不存在` : `有多个名为“${key.slice(0, 100)}”的党组织，请填写党组织编号`;
  }
}

function parseFile(csv: string): CsvRecord[] {
  let records: CsvRecord[];
  try {
    records = parseCsv(csv);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new DomainError('invalid', 'CSV_SYNTAX', `导入文件不是有效的 CSV：${error.message}`, { row: error.row });
    throw error;
  }
  if (records.length === 0) throw new DomainError('invalid', 'EMPTY_IMPORT', '导入文件为空：第一行须为表头', {});
  return records;
}

function columnIndex(header: string[]): Map<Field, number> {
  const index = new Map<Field, number>();
  for (const [field, column] of Object.entries(COLUMN_OF) as [Field, string][]) {
    const i = header.findIndex((h) => h.trim() === column);
    if (i >= 0) index.set(field, i);
  }
  const missing = (Object.keys(IMPORT_COLUMNS) as Field[]).filter((f) => !index.has(f)).map((f) => COLUMN_OF[f]);
  if (missing.length > 0) {
    throw new DomainError('invalid', 'IMPORT_COLUMNS_MISSING', `导入文件缺少表头列：${missing.join('、')}（表头须为：${Object.values(IMPORT_COLUMNS).join(',')}）`, { missing });
  }
  return index;
}

/** A row's failure as the report shows it: column and reason, never the value. */
function describeFailure(error: unknown): { field: string; reason: string } {
  if (error instanceof RowError) return { field: COLUMN_OF[error.field], reason: error.reason };
  if (error instanceof DomainError) {
    const field = typeof error.details.field === 'string' ? error.details.field : 'organizationId';
    return { field: COLUMN_OF[field as Field] ?? field, reason: error.message };
  }
  if (error instanceof HttpException) return { field: COLUMN_OF.organizationId, reason: error.message };
  throw error;
}

export class ImportJsonDto {
  @ApiProperty({ description: 'CSV 文本（经网关以 JSON 提交时使用；直接提交请用 text/csv）' })
  @IsString({ message: 'csv 须为字符串' })
  @Length(1, 20_000_000, { message: 'csv 不能为空' })
  csv!: string;
}
