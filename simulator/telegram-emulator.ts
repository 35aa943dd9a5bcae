import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { UserFromGetMe } from "grammy/types";

/** One Bot API call the bot made, in order. */
export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
}

interface StoredFile {
  bytes: Buffer;
  path: string;
  uniqueId: string;
}

type Update = Record<string, unknown> & { update_id: number };

export interface FakeTelegramApi {
  /** e.g. http://127.0.0.1:43121 — pass as the bot's apiRoot. */
  readonly apiRoot: string;
  readonly calls: RecordedCall[];
  readonly botInfo: UserFromGetMe;
  /** Delivers an update: to the webhook when one is set, else to the next getUpdates. Returns its update_id. */
  push(update: Omit<Update, "update_id"> & { update_id?: number }): Promise<number>;
  /** Delivers an earlier update again, as Telegram does when it did not get a webhook answer in time. */
  redeliver(updateId: number): Promise<number>;
  /** Makes bytes downloadable as a Telegram file; returns what a message would carry. */
  addFile(bytes: Buffer, extension?: string): { file_id: string; file_unique_id: string; file_size: number };
  /** Resolves on the next call matching the predicate recorded after `since` (an index into calls). */
  waitForCall(predicate: (c: RecordedCall) => boolean, since?: number, timeoutMs?: number): Promise<RecordedCall>;
  close(): Promise<void>;
}

const MAX_POLL_S = 2;

/**
 * A small Bot API emulator on 127.0.0.1 for tests and local runs: it answers the methods the
 * bot uses with realistic objects, serves uploaded test files, and records every call.
 */
export async function startFakeTelegramApi(options: { username?: string } = {}): Promise<FakeTelegramApi> {
  const calls: RecordedCall[] = [];
  const queue: Update[] = [];
  const files = new Map<string, StoredFile>();
  const filesByPath = new Map<string, Buffer>();
  const pollers = new Set<() => void>();
  const callWatchers = new Set<() => void>();
  const delivered = new Map<number, Update>();
  let nextUpdateId = 1000;
  let nextMessageId = 1;
  let webhook: { url: string; secret?: string } | undefined;
  const botInfo: UserFromGetMe = {
    id: 777000111,
    is_bot: true,
    first_name: "QR Check-in Report",
    username: options.username ?? "qr_report_test_bot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };

  const message = (p: Record<string, unknown>, extra: Record<string, unknown>) => ({
    message_id: nextMessageId++,
    date: Math.floor(Date.now() / 1000),
    chat: { id: Number(p.chat_id), type: Number(p.chat_id) < 0 ? "group" : "private" },
    from: { id: botInfo.id, is_bot: true, first_name: botInfo.first_name, username: botInfo.username },
    ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
    ...extra,
  });

  async function getUpdates(p: Record<string, unknown>): Promise<Update[]> {
    const offset = Number(p.offset ?? 0);
    while (queue.length && queue[0]!.update_id < offset) queue.shift();
    if (queue.length === 0) {
      const timeoutS = Math.min(Number(p.timeout ?? 0), MAX_POLL_S);
      if (timeoutS > 0) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            pollers.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, timeoutS * 1000);
          pollers.add(wake);
        });
      }
    }
    return queue.slice(0, Number(p.limit ?? 100));
  }

  async function answer(method: string, p: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case "getMe":
        return botInfo;
      case "getUpdates":
        return getUpdates(p);
      case "setWebhook":
        webhook = { url: String(p.url), secret: p.secret_token as string | undefined };
        return true;
      case "deleteWebhook":
        webhook = undefined;
        return true;
      case "sendMessage":
        return message(p, { text: p.text });
      case "editMessageText":
        return message(p, { message_id: Number(p.message_id), text: p.text });
      case "editMessageReplyMarkup":
        return message(p, { message_id: Number(p.message_id) });
      case "sendPhoto":
        return message(p, { photo: [{ file_id: "sent-photo", file_unique_id: "sent-photo", width: 1, height: 1 }], caption: p.caption });
      case "sendDocument":
        return message(p, { document: { file_id: "sent-doc", file_unique_id: "sent-doc" }, caption: p.caption });
      case "getFile": {
        const f = files.get(String(p.file_id));
        if (!f) throw new ApiError(400, "Bad Request: invalid file_id");
        return { file_id: p.file_id, file_unique_id: f.uniqueId, file_size: f.bytes.length, file_path: f.path };
      }
      case "sendChatAction":
      case "answerCallbackQuery":
      case "setMyCommands":
      case "deleteMyCommands":
        return true;
      default:
        throw new ApiError(404, "Not Found: method not found");
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const file = /^\/file\/bot[^/]+\/(.+)$/.exec(url.pathname);
    if (file && req.method === "GET") {
      const bytes = filesByPath.get(decodeURIComponent(file[1]!));
      res.writeHead(bytes ? 200 : 404).end(bytes ?? "not found");
      return;
    }
    const call = /^\/bot[^/]+\/(\w+)$/.exec(url.pathname);
    if (!call) {
      res.writeHead(404).end();
      return;
    }
    const params = { ...Object.fromEntries(url.searchParams), ...(await readParams(req)) };
    const method = call[1]!;
    calls.push({ method, params, at: Date.now() });
    for (const w of [...callWatchers]) w();
    try {
      const result = await answer(method, params);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result }));
    } catch (e) {
      const code = e instanceof ApiError ? e.code : 500;
      res.writeHead(code, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, error_code: code, description: String((e as Error).message) }));
    }
  }

  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  async function deliver(full: Update): Promise<number> {
    delivered.set(full.update_id, full);
    if (webhook) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (webhook.secret) headers["x-telegram-bot-api-secret-token"] = webhook.secret;
      const res = await fetch(webhook.url, { method: "POST", headers, body: JSON.stringify(full) });
      if (!res.ok) throw new Error(`webhook answered ${res.status}`);
    } else {
      queue.push(full);
      for (const wake of [...pollers]) wake();
    }
    return full.update_id;
  }

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    botInfo,
    push: (update) => deliver({ ...update, update_id: update.update_id ?? nextUpdateId++ } as Update),
    redeliver(updateId) {
      const update = delivered.get(updateId);
      if (!update) throw new Error(`update ${updateId} was never delivered`);
      return deliver(update);
    },
    addFile(bytes, extension = "jpg") {
      const id = randomBytes(12).toString("hex");
      const path = `photos/file_${id}.${extension}`;
      const stored = { bytes, path, uniqueId: `u${id.slice(0, 10)}` };
      files.set(id, stored);
      filesByPath.set(path, bytes);
      return { file_id: id, file_unique_id: stored.uniqueId, file_size: bytes.length };
    },
    waitForCall(predicate, since = 0, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = calls.slice(since).find(predicate);
          if (!found) return;
          callWatchers.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          callWatchers.delete(check);
          reject(new Error(`no matching Bot API call within ${timeoutMs} ms; last calls: ${JSON.stringify(calls.slice(-5).map((c) => [c.method, c.params.text]))}`));
        }, timeoutMs);
        callWatchers.add(check);
        check();
      });
    },
    async close() {
      for (const wake of [...pollers]) wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

class ApiError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

/** grammY sends JSON, or multipart when uploading files: fields become params, files { filename, bytes }. */
async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  const body = raw.toString("utf8");
  if (!body) return {};
  const type = req.headers["content-type"] ?? "";
  if (type.includes("multipart/form-data")) return readMultipart(raw, type);
  if (type.includes("application/json")) return JSON.parse(body) as Record<string, unknown>;
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(body));
  return { multipart: true };
}

function readMultipart(raw: Buffer, type: string): Record<string, unknown> {
  const boundary = Buffer.from(`--${/boundary=("?)([^";]+)\1/.exec(type)?.[2] ?? ""}`);
  const params: Record<string, unknown> = { multipart: true };
  let at = raw.indexOf(boundary);
  while (at !== -1) {
    const next = raw.indexOf(boundary, at + boundary.length);
    if (next === -1) break;
    const part = raw.subarray(at + boundary.length + 2, next - 2);
    const split = part.indexOf("\r\n\r\n");
    const head = part.subarray(0, split).toString("utf8");
    const content = part.subarray(split + 4);
    const name = /name="([^"]*)"/.exec(head)?.[1];
    const isFile = /filename=|content-type:/i.test(head);
    const filename = /filename="?([^";\r\n]*)/.exec(head)?.[1];
    if (name) params[name] = isFile ? { filename, bytes: Buffer.from(content) } : content.toString("utf8");
    at = next;
  }
  return params;
}
