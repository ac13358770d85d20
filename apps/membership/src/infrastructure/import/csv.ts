import { CsvError, Info, parse } from 'csv-parse/sync';
import { assertPlainText } from '@pb/platform';

/**
 * RFC 4180 CSV as spreadsheets save it (csv-parse): comma separated, fields optionally in
 * double quotes ("" is a quote inside), CRLF or LF line ends even mixed in one file, an Excel
 * BOM is dropped, spaces around an unquoted field are not data. Records are numbered from 1
 * (the header) the way a spreadsheet shows them: a blank line is a row of its own (skipped, but
 * counted). A cell is one line of plain text: a quoted line break in it is refused, named by
 * the row it starts in.
 */
export interface CsvRecord {
  row: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const OPTIONS = {
  bom: true,
  info: true,
  relax_column_count: true,
  skip_empty_lines: true,
  trim: true,
  record_delimiter: ['\r\n', '\n', '\r'],
};

/** What the person who saved the file can act on, in the rows they see. */
const REASONS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: '引号未闭合',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: '引号字段结束后出现多余字符',
  CSV_INVALID_CLOSING_QUOTE: '引号字段结束后出现多余字符',
};

export function parseCsv(text: string): CsvRecord[] {
  try {
    const records = (parse(text, OPTIONS) as unknown as { record: string[]; info: Info }[]).map(({ record, info }) => ({ row: info.records + info.empty_lines, fields: record }));
    assertPlainCells(records);
    return records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The error carries the parser's counts at the record it could not finish.
    const at = error as CsvError & Info;
    const row = at.records + at.empty_lines + 1;
    throw new CsvSyntaxError(row, `第 ${row} 行：${REASONS[error.code] ?? '格式错误'}`);
  }
}

/**
 * Every cell is one line of text, checked as any other input is (a 400 naming the cell): a
 * control character or a quoted line break in a cell, or what is left of a file that was not
 * UTF-8 (saved as GBK or UTF-16 from a spreadsheet), is refused before any row is read.
 */
function assertPlainCells(records: CsvRecord[]): void {
  const [header] = records;
  for (const { row, fields } of records) {
    fields.forEach((cell, i) => {
      // The header row is checked first, so a column named by it has a clean name.
      const column = header && row !== header.row && header.fields[i] ? `“${header.fields[i]}”列` : `第 ${i + 1} 列`;
      assertPlainText(cell, `第 ${row} 行${column}`);
    });
  }
}
