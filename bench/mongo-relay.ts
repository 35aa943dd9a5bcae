import { createServer, connect, type Server, type Socket } from "node:net";

/**
 * A TCP relay in front of a MongoDB-wire server that counts commands by kind ("update
 * accounts", "find botstates", …) and the time each kind keeps the server busy, from request
 * to reply. It reads only message headers and the first field of each OP_MSG body, so it
 * stays out of the way of what it measures.
 */
export interface CommandStats {
  count: number;
  totalMs: number;
}

export interface CountingRelay {
  port: number;
  stats: Map<string, CommandStats>;
  reset(): void;
  close(): Promise<void>;
}

const OP_MSG = 2013;

export async function startCountingRelay(target: { host: string; port: number }): Promise<CountingRelay> {
  const stats = new Map<string, CommandStats>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const pending = new Map<number, { kind: string; at: number }>();
    frames(client, (msg) => {
      const requestId = msg.readInt32LE(4);
      if (msg.readInt32LE(12) === OP_MSG) pending.set(requestId, { kind: commandKind(msg), at: performance.now() });
      upstream.write(msg);
    });
    frames(upstream, (msg) => {
      const started = pending.get(msg.readInt32LE(8));
      if (started) {
        pending.delete(msg.readInt32LE(8));
        const s = stats.get(started.kind) ?? { count: 0, totalMs: 0 };
        s.count++;
        s.totalMs += performance.now() - started.at;
        stats.set(started.kind, s);
      }
      client.write(msg);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    stats,
    reset: () => stats.clear(),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Splits a byte stream into whole wire messages (int32 length first). */
function frames(socket: Socket, onMessage: (msg: Buffer) => void): void {
  let buffered: Buffer = Buffer.alloc(0);
  socket.on("data", (chunk: Buffer) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    while (buffered.length >= 4 && buffered.length >= buffered.readInt32LE(0)) {
      const length = buffered.readInt32LE(0);
      onMessage(buffered.subarray(0, length));
      buffered = buffered.subarray(length);
    }
  });
}

/** "<command> <collection>" from an OP_MSG's body section (kind 0): its first BSON field. */
function commandKind(msg: Buffer): string {
  // header 16 bytes, flagBits 4, then section kind byte; kind 0 is followed by the BSON document.
  if (msg[20] !== 0) return "other";
  let at = 21 + 4;
  const type = msg[at++];
  const nameEnd = msg.indexOf(0, at);
  const name = msg.toString("utf8", at, nameEnd);
  at = nameEnd + 1;
  if (type !== 0x02) return name;
  const length = msg.readInt32LE(at);
  const collection = msg.toString("utf8", at + 4, at + 4 + length - 1);
  return `${name} ${collection}`;
}
