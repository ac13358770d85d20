// The machine's tools the local infrastructure is built and run with: one clear
// message naming every one that is missing.
import { InfraError } from './config.mjs';
import { run, which } from './process.mjs';

const MIN_JAVA = 17;

const TOOL_HELP = {
  java: 'a JDK 17+ (java)',
  mvn: 'Apache Maven (mvn)',
  jar: 'a JDK (jar)',
  tar: 'tar with xz (tar, xz)',
  xz: 'xz (xz-utils)',
  go: 'Go (go)',
};

export function requireTools(names) {
  const missing = [...new Set(names)].filter((n) => !which(n));
  if (missing.length > 0) {
    throw new InfraError(
      `missing on PATH: ${missing.join(', ')}. The local infrastructure needs a JDK 17+ (java), ` +
        `Apache Maven (mvn) and Go (go) to run Kafka and FerretDB; install ${missing
          .map((m) => TOOL_HELP[m])
          .join(' and ')}, or set KAFKA_BROKERS and MONGODB_URI to use servers you already have.`,
    );
  }
}

export async function requireJava17() {
  requireTools(['java']);
  const r = await run('java', ['-version']);
  const m = /version "(\d+)(?:\.(\d+))?/.exec(r.stderr + r.stdout);
  if (m) {
    const major = m[1] === '1' ? Number(m[2]) : Number(m[1]);
    if (major < MIN_JAVA) {
      throw new InfraError(`java on PATH is version ${major}; the local Kafka needs a JDK ${MIN_JAVA}+ (set PATH or JAVA_HOME accordingly)`);
    }
  }
}

/** The last lines of a failed tool's output, for the error message. */
export function lastLines(result, lines = 30) {
  return (result.stdout + result.stderr).trim().split('\n').slice(-lines).join('\n');
}
