// Network probes for scripts/infra.mjs: is a port free, does it speak Kafka,
// does it speak the MongoDB wire protocol. Node built-ins only (runs before
// `npm install`).
import net from 'node:net';

const HOST = '127.0.0.1';

/**
 * True when nothing can be bound on host:port (someone listens there).
 * Binding is a stricter test than connecting: it also catches a listener on
 * 0.0.0.0 or one that does not accept yet.
 */
export function isPortInUse(port, host = HOST) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (err) => resolve(err.code === 'EADDRINUSE' || err.code === 'EACCES'));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(false)));
  });
}

/** True when a TCP connection to host:port succeeds within timeoutMs. */
export function canConnect(port, host = HOST, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Sends one request frame and resolves with the first complete response frame
 * (without its 4-byte size prefix). Both Kafka and the MongoDB wire protocol
 * prefix a frame with its length (Kafka: int32 BE excluding itself; MongoDB:
 * int32 LE including itself), so the caller says how to read it.
 */
function roundTrip(port, host, request, readLength, timeoutMs) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host });
    let buf = Buffer.alloc(0);
    let settled = false;
    const finish = (err, value) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (err) reject(err);
      else resolve(value);
    };
    socket.setTimeout(timeoutMs, () => finish(new Error(`no answer from ${host}:${port} within ${timeoutMs} ms`)));
    socket.once('error', (err) => finish(err));
    socket.once('close', () => finish(new Error(`${host}:${port} closed the connection without answering`)));
    socket.once('connect', () => socket.write(request));
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < 4) return;
      const { total, bodyStart } = readLength(buf);
      if (total > 64 * 1024 * 1024) return finish(new Error(`implausible frame size ${total} from ${host}:${port}`));
      if (buf.length >= total) finish(null, buf.subarray(bodyStart, total));
    });
  });
}

const kafkaLength = (buf) => ({ total: 4 + buf.readInt32BE(0), bodyStart: 4 });

function kafkaRequest(apiKey, apiVersion, correlationId, body) {
  const clientId = Buffer.from('pb-infra-probe');
  const header = Buffer.alloc(2 + 2 + 4 + 2);
  header.writeInt16BE(apiKey, 0);
  header.writeInt16BE(apiVersion, 2);
  header.writeInt32BE(correlationId, 4);
  header.writeInt16BE(clientId.length, 8);
  const payload = Buffer.concat([header, clientId, body]);
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length, 0);
  return Buffer.concat([size, payload]);
}

/**
 * Asks the broker for cluster metadata (ApiVersions v0, then Metadata v1) and
 * resolves { brokers, controllerId } once it has answered. A KRaft broker
 * answers ApiVersions before it is unfenced, but lists itself in Metadata only
 * once it is unfenced and can serve clients, so "ready" is brokers >= 1.
 * Rejects when the port does not speak Kafka or does not answer.
 */
export async function kafkaProbe(port, host = HOST, timeoutMs = 2000) {
  // ApiVersions v0 (api_key 18): proves it is Kafka.
  const av = await roundTrip(port, host, kafkaRequest(18, 0, 1801, Buffer.alloc(0)), kafkaLength, timeoutMs);
  if (av.length < 6 || av.readInt32BE(0) !== 1801) throw new Error(`${host}:${port} does not answer like a Kafka broker`);
  const apiVersionsError = av.readInt16BE(4);
  if (apiVersionsError !== 0) throw new Error(`Kafka ApiVersions error code ${apiVersionsError}`);

  // Metadata v1 (api_key 3) with topics = null: all topics; we only read brokers + controller.
  const body = Buffer.alloc(4);
  body.writeInt32BE(-1, 0);
  const md = await roundTrip(port, host, kafkaRequest(3, 1, 301, body), kafkaLength, timeoutMs);
  if (md.readInt32BE(0) !== 301) throw new Error(`unexpected Kafka Metadata correlation id from ${host}:${port}`);
  let off = 4;
  const brokerCount = md.readInt32BE(off);
  off += 4;
  const brokers = [];
  for (let i = 0; i < brokerCount; i++) {
    const nodeId = md.readInt32BE(off);
    off += 4;
    const hostLen = md.readInt16BE(off);
    off += 2;
    const bhost = md.toString('utf8', off, off + hostLen);
    off += hostLen;
    const bport = md.readInt32BE(off);
    off += 4;
    const rackLen = md.readInt16BE(off);
    off += 2 + Math.max(rackLen, 0);
    brokers.push({ nodeId, host: bhost, port: bport });
  }
  const controllerId = md.readInt32BE(off);
  return { brokers, controllerId };
}

/** Resolves true when the Kafka broker on port lists at least one live broker. */
export async function kafkaReady(port, host = HOST, timeoutMs = 2000) {
  try {
    const { brokers } = await kafkaProbe(port, host, timeoutMs);
    return brokers.length > 0;
  } catch {
    return false;
  }
}

// --- MongoDB wire protocol: OP_MSG { hello: 1, $db: "admin" } ---

function bsonHelloDoc() {
  const parts = [];
  // int32 element "hello": 1
  parts.push(Buffer.from([0x10]), Buffer.from('hello\0'), int32le(1));
  // string element "$db": "admin"
  const db = Buffer.from('admin\0');
  parts.push(Buffer.from([0x02]), Buffer.from('$db\0'), int32le(db.length), db);
  const elements = Buffer.concat(parts);
  return Buffer.concat([int32le(4 + elements.length + 1), elements, Buffer.from([0])]);
}

function int32le(n) {
  const b = Buffer.alloc(4);
  b.writeInt32LE(n, 0);
  return b;
}

const mongoLength = (buf) => ({ total: buf.readInt32LE(0), bodyStart: 4 });

/**
 * Resolves true when the port answers an OP_MSG hello with an OP_MSG reply
 * (i.e. it speaks the MongoDB wire protocol and is serving), false otherwise.
 */
export async function mongoReady(port, host = HOST, timeoutMs = 2000) {
  const doc = bsonHelloDoc();
  const msgBody = Buffer.concat([int32le(0) /* flagBits */, Buffer.from([0]) /* section kind 0 */, doc]);
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + msgBody.length, 0);
  header.writeInt32LE(4242, 4); // requestID
  header.writeInt32LE(0, 8); // responseTo
  header.writeInt32LE(2013, 12); // OP_MSG
  try {
    const reply = await roundTrip(port, host, Buffer.concat([header, msgBody]), mongoLength, timeoutMs);
    // reply = header without its length: requestID, responseTo, opCode, ...
    return reply.length >= 12 && reply.readInt32LE(4) === 4242 && reply.readInt32LE(8) === 2013;
  } catch {
    return false;
  }
}
