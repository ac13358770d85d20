/**
 * RFC 4180 CSV, hand-rolled because no CSV library is installed: comma
 * separated, fields optionally in double quotes ("" is a quote inside), CRLF or
 * LF line ends, quoted fields may span lines. A UTF-8 BOM (Excel's) is dropped.
 * Records are numbered from 1 (the header), as a spreadsheet shows them.
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

export function parseCsv(text: string): CsvRecord[] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let quotedField = false;
  let row = 1;
  let i = 0;
  const endField = () => {
    fields.push(quotedField ? field : field.trim());
    field = '';
    quotedField = false;
  };
  const endRecord = () => {
    endField();
    // Blank lines are skipped, not reported as rows with missing fields.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ row, fields });
    fields = [];
    row += 1;
  };
  while (i < input.length) {
    const c = input[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i += 1;
        // Only separators or spaces may follow a closing quote.
        while (input[i] === ' ' || input[i] === '\t') i += 1;
        if (i < input.length && input[i] !== ',' && input[i] !== '\n' && input[i] !== '\r') {
          throw new CsvSyntaxError(row, `第 ${row} 行：引号字段结束后出现多余字符`);
        }
        continue;
      }
      field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field.trim() === '') {
      inQuotes = true;
      quotedField = true;
      field = '';
      i += 1;
    } else if (c === ',') {
      endField();
      i += 1;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && input[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i += 1;
    }
  }
  if (inQuotes) throw new CsvSyntaxError(row, `第 ${row} 行：引号未闭合`);
  if (field !== '' || quotedField || fields.length > 0) endRecord();
  return records;
}
