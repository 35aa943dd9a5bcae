import { open, readFile, rename, unlink, writeFile, mkdir } from "node:fs/promises";
import { connect } from "node:net";
import { join } from "node:path";
import type { Logger } from "../logger.js";
import type { EmbeddedBackend, EmbeddedMongo } from "./types.js";

/** Where the running server's address lives, and the lock taken while one is being started. */
export const ADDRESS_FILE = "embedded-mongo.json";
export const LOCK_FILE = "embedded-mongo.lock";
const POLL_MS = 200;

interface Address {
  pid: number;
  uri: string;
  backend: EmbeddedBackend;
}

/**
 * One embedded server per data folder. Two servers on the same files would corrupt them, so
 * a second process (the CLI while the app runs, or a second `npm start`) connects to the
 * server the first one started: its address is in DATA_DIR/embedded-mongo.json. Starting a
 * server happens under an exclusive lock file; an address or lock left by a crashed process
 * (its pid gone, or its port not answering) is detected and replaced. The process that
 * started the server stops it when it stops; the others only disconnect.
 */
export async function sharedEmbeddedMongo(opts: {
  dataDir: string;
  logger: Logger;
  start: () => Promise<EmbeddedMongo>;
  /** How long to wait for another process that is starting the server (the first build takes minutes). */
  waitMs?: number;
}): Promise<EmbeddedMongo> {
  await mkdir(opts.dataDir, { recursive: true });
  const addressPath = join(opts.dataDir, ADDRESS_FILE);
  const lockPath = join(opts.dataDir, LOCK_FILE);
  const until = Date.now() + (opts.waitMs ?? 300_000);
  for (;;) {
    const running = await liveAddress(addressPath);
    if (running) {
      opts.logger.info({ pid: running.pid, backend: running.backend }, "using the embedded database another process started on this data folder");
      return { uri: running.uri, backend: running.backend, stop: async () => undefined };
    }
    const lock = await takeLock(lockPath);
    if (lock) {
      try {
        // Another process may have finished starting between our look and our lock.
        const raced = await liveAddress(addressPath);
        if (raced) continue;
        return await startAndPublish(opts, addressPath);
      } finally {
        await unlink(lockPath).catch(() => undefined);
      }
    }
    if (Date.now() > until) throw new Error(`another process has been starting the embedded database in ${opts.dataDir} for too long (${lockPath})`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function startAndPublish(opts: { logger: Logger; start: () => Promise<EmbeddedMongo> }, addressPath: string): Promise<EmbeddedMongo> {
  const server = await opts.start();
  const address: Address = { pid: process.pid, uri: server.uri, backend: server.backend };
  const partial = `${addressPath}.${process.pid}`;
  await writeFile(partial, JSON.stringify(address));
  await rename(partial, addressPath);
  return {
    ...server,
    async stop() {
      // Only our own address is removed: a successor may already have published its own.
      const current = await readAddress(addressPath);
      if (current?.pid === process.pid && current.uri === server.uri) await unlink(addressPath).catch(() => undefined);
      await server.stop();
    },
  };
}

/** The lock, or undefined while a live process holds it; a dead holder's lock is removed. */
async function takeLock(lockPath: string): Promise<boolean> {
  try {
    const handle = await open(lockPath, "wx");
    await handle.writeFile(String(process.pid));
    await handle.close();
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    const holder = Number(await readFile(lockPath, "utf8").catch(() => ""));
    // An empty file is a holder between open and write: give it time.
    if (Number.isInteger(holder) && holder > 0 && !isAlive(holder)) await unlink(lockPath).catch(() => undefined);
    return false;
  }
}

async function readAddress(path: string): Promise<Address | undefined> {
  try {
    const a = JSON.parse(await readFile(path, "utf8")) as Partial<Address>;
    return typeof a.pid === "number" && typeof a.uri === "string" && (a.backend === "ferretdb" || a.backend === "mongodb-memory-server")
      ? { pid: a.pid, uri: a.uri, backend: a.backend }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The published address when its process lives and its port answers; a stale file is removed. */
async function liveAddress(path: string): Promise<Address | undefined> {
  const address = await readAddress(path);
  if (!address) return undefined;
  if (isAlive(address.pid) && (await answers(address.uri))) return address;
  await unlink(path).catch(() => undefined);
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function answers(uri: string): Promise<boolean> {
  const { hostname, port } = new URL(uri);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) || 27017, timeout: 1_000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.once("timeout", () => done(false));
  });
}
