// NDJSON (one envelope per line) or CSV (one row per event, the payload as a JSON
// column so every event type fits one header). Writers respect back-pressure, which
// is what keeps memory bounded when a replay produces faster than the reader takes.
import { stringify } from 'csv-stringify';

// Analyst events carry no correlation or causation id and no aggregate version (docs/analyst-streams.md).
export const CSV_COLUMNS = ['id', 'time', 'type', 'context', 'subject', 'districtid', 'zoneid', 'aggregatetype', 'actorid', 'data'];

export function createWriter(format, out) {
  if (format === 'ndjson') {
    return {
      write: (event) => writeWithBackPressure(out, `${JSON.stringify(event)}\n`),
      end: () => new Promise((resolve) => (out === process.stdout ? resolve() : out.end(resolve))),
    };
  }
  const csv = stringify({ header: true, columns: CSV_COLUMNS, quoted_match: /[\s,"]/ });
  csv.pipe(out, { end: out !== process.stdout });
  return {
    write: (event) =>
      writeWithBackPressure(csv, {
        id: event.id,
        time: event.time,
        type: event.type,
        context: event.type.split('.')[0],
        subject: event.subject,
        districtid: event.districtid,
        zoneid: event.zoneid,
        aggregatetype: event.aggregatetype,
        actorid: event.actorid,
        data: JSON.stringify(event.data),
      }),
    end: () =>
      new Promise((resolve) => {
        // Wait until the last rows reached the output, not merely the CSV encoder.
        if (out === process.stdout) {
          csv.once('end', () => (out.writableNeedDrain ? out.once('drain', resolve) : resolve()));
          csv.end();
        } else {
          out.once('finish', resolve);
          csv.end();
        }
      }),
  };
}

function writeWithBackPressure(stream, chunk) {
  if (stream.write(chunk)) return undefined;
  return new Promise((resolve) => stream.once('drain', resolve));
}
