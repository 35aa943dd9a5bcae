import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { UserFromGetMe } from "grammy/types";
import { parseMultipart } from "./multipart.js";
import { readBody } from "./read-body.js";

/** One Bot API call the bot made, in order, with what the emulator answered. */
export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  /** The error code the call was answered with (an injected failure, an unknown file…); absent when it succeeded. */
  error?: number;
  result?: unknown;
}

/** A failure to answer a Bot API call with instead of its result, as Telegram would. */
export interface InjectedFailure {
  code: number;
  description: string;
  /** Telegram's `parameters.retry_after` (seconds), as sent with 429 Too Many Requests. */
  retryAfter?: number;
}

interface StoredFile {
  bytes: Buffer;
  path: string;
  uniqueId: string;
}

export type Update = Record<string, unknown> & { update_id: number };

/** An HTTP request to the emulator, its path relative to the emulator's root. */
export interface EmulatorRequest {
  method: string;
  url: string;
  contentType: string;
  body: Buffer;
}
export interface EmulatorResponse {
  status: number;
  type: string;
  body: Buffer | string;
}

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
  /** Answers the `nth` call of `method` from now on (1 = the next one) with `failure` instead of its result. */
  failCall(method: string, failure: InjectedFailure, nth?: number): void;
  /** Resolves on the next call matching the predicate recorded after `since` (an index into calls). */
  waitForCall(predicate: (c: RecordedCall) => boolean, since?: number, timeoutMs?: number): Promise<RecordedCall>;
  close(): Promise<void>;
}

export interface TelegramEmulator extends FakeTelegramApi {
  /** Answers one Bot API or file request. */
  handle(req: EmulatorRequest): Promise<EmulatorResponse>;
  /** Called after every answered call and every delivered update (the simulator's page follows both). */
  onCall(listener: (call: RecordedCall) => void): () => void;
  onUpdate(listener: (update: Update) => void): () => void;
  /** The bytes behind a file id (a file a user sent, or a photo the bot uploaded). */
  fileBytes(fileId: string): Buffer | undefined;
}

const MAX_POLL_S = 2;
/** Waits before Telegram's next attempts at an update the webhook answered with a server error. */
const REDELIVERY_WAITS_MS = [1_000, 2_000, 4_000, 4_000, 4_000, 4_000, 4_000, 4_000];

/**
 * A Bot API emulator: it answers the methods the bot uses with realistic objects, keeps the
 * files users send and the photos the bot uploads, and records every call. The tests run it
 * on its own port (startFakeTelegramApi); the simulator mounts it in the app's server.
 */
export function createTelegramEmulator(options: { username?: string; apiRoot?: string } = {}): TelegramEmulator & { apiRoot: string } {
  const calls: RecordedCall[] = [];
  const queue: Update[] = [];
  const files = new Map<string, StoredFile>();
  const filesByPath = new Map<string, Buffer>();
  const pollers = new Set<() => void>();
  const callWatchers = new Set<() => void>();
  const callListeners = new Set<(c: RecordedCall) => void>();
  const updateListeners = new Set<(u: Update) => void>();
  const delivered = new Map<number, Update>();
  const failures: { method: string; countdown: number; failure: InjectedFailure }[] = [];
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

  function addFile(bytes: Buffer, extension = "jpg") {
    const id = randomBytes(12).toString("hex");
    const path = `photos/file_${id}.${extension}`;
    const stored = { bytes, path, uniqueId: `u${id.slice(0, 10)}` };
    files.set(id, stored);
    filesByPath.set(path, bytes);
    return { file_id: id, file_unique_id: stored.uniqueId, file_size: bytes.length };
  }

  /** An uploaded file (grammY names its part "attach://<part>") becomes a stored one; a file id or URL is kept as given. */
  function fileParam(p: Record<string, unknown>, value: unknown, extension: string): { file_id: string; file_unique_id: string; file_size?: number } {
    const attached = typeof value === "string" && value.startsWith("attach://") ? p[value.slice("attach://".length)] : value;
    const upload = attached as { bytes?: Buffer } | undefined;
    if (upload && Buffer.isBuffer(upload.bytes)) return addFile(upload.bytes, extension);
    const id = String(value ?? "");
    return { file_id: id, file_unique_id: files.get(id)?.uniqueId ?? id, file_size: files.get(id)?.bytes.length };
  }

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
      case "sendPhoto": {
        const f = fileParam(p, p.photo, "jpg");
        return message(p, { photo: [{ ...f, width: 1280, height: 960 }], caption: p.caption });
      }
      case "sendDocument": {
        const upload = (typeof p.document === "string" && p.document.startsWith("attach://") ? p[p.document.slice(9)] : p.document) as { filename?: string } | undefined;
        const f = fileParam(p, p.document, String(upload?.filename ?? "bin").split(".").pop() ?? "bin");
        return message(p, { document: { ...f, file_name: upload?.filename }, caption: p.caption });
      }
      case "getFile": {
        const f = files.get(String(p.file_id));
        if (!f) throw new ApiError(400, "Bad Request: invalid file_id");
        return { file_id: p.file_id, file_unique_id: f.uniqueId, file_size: f.bytes.length, file_path: f.path };
      }
      case "sendChatAction":
      case "answerCallbackQuery":
      case "setMyCommands":
      case "deleteMyCommands":
      case "deleteMessage":
        return true;
      default:
        throw new ApiError(404, "Not Found: method not found");
    }
  }

  async function handle(req: EmulatorRequest): Promise<EmulatorResponse> {
    const url = new URL(req.url, "http://127.0.0.1");
    const file = /^\/file\/bot[^/]+\/(.+)$/.exec(url.pathname);
    if (file && req.method === "GET") {
      const bytes = filesByPath.get(decodeURIComponent(file[1]!));
      return bytes ? { status: 200, type: "application/octet-stream", body: bytes } : { status: 404, type: "text/plain", body: "not found" };
    }
    const call = /^\/bot[^/]+\/(\w+)$/.exec(url.pathname);
    if (!call) return { status: 404, type: "text/plain", body: "" };
    let params: Record<string, unknown>;
    try {
      params = { ...Object.fromEntries(url.searchParams), ...readParams(req.body, req.contentType) };
    } catch {
      return { status: 400, type: "application/json", body: JSON.stringify({ ok: false, error_code: 400, description: "Bad Request: can't parse request body" }) };
    }
    const method = call[1]!;
    const recorded: RecordedCall = { method, params, at: Date.now() };
    calls.push(recorded);
    const injected = injectedFailure(method);
    try {
      if (injected) throw new ApiError(injected.code, injected.description, injected.retryAfter);
      recorded.result = await answer(method, params);
      for (const w of [...callWatchers]) w();
      for (const l of callListeners) l(recorded);
      return { status: 200, type: "application/json", body: JSON.stringify({ ok: true, result: recorded.result }) };
    } catch (e) {
      const code = e instanceof ApiError ? e.code : 500;
      recorded.error = code;
      for (const w of [...callWatchers]) w();
      const parameters = e instanceof ApiError && e.retryAfter !== undefined ? { parameters: { retry_after: e.retryAfter } } : {};
      return { status: code, type: "application/json", body: JSON.stringify({ ok: false, error_code: code, description: String((e as Error).message), ...parameters }) };
    }
  }

  /** Counts this call against every failure waiting for its method; returns the one due now. */
  function injectedFailure(method: string): InjectedFailure | undefined {
    for (const f of failures) if (f.method === method) f.countdown--;
    const i = failures.findIndex((f) => f.countdown === 0);
    return i === -1 ? undefined : failures.splice(i, 1)[0]!.failure;
  }

  /**
   * Telegram delivers an update again when the webhook answers a server error (as an instance
   * does while another one still handles the update); push resolves once it was accepted.
   */
  async function deliver(full: Update): Promise<number> {
    delivered.set(full.update_id, full);
    for (const l of updateListeners) l(full);
    if (webhook) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (webhook.secret) headers["x-telegram-bot-api-secret-token"] = webhook.secret;
      for (let attempt = 0; ; attempt++) {
        const res = await fetch(webhook.url, { method: "POST", headers, body: JSON.stringify(full) });
        if (res.ok) break;
        const wait = REDELIVERY_WAITS_MS[attempt];
        if (res.status < 500 || wait === undefined) throw new Error(`webhook answered ${res.status}`);
        await new Promise((r) => setTimeout(r, wait));
      }
    } else {
      queue.push(full);
      for (const wake of [...pollers]) wake();
    }
    return full.update_id;
  }

  const listen = <T>(set: Set<(x: T) => void>) => (l: (x: T) => void) => {
    set.add(l);
    return () => void set.delete(l);
  };

  return {
    apiRoot: options.apiRoot ?? "",
    calls,
    botInfo,
    handle,
    onCall: listen(callListeners),
    onUpdate: listen(updateListeners),
    fileBytes: (fileId) => files.get(fileId)?.bytes,
    push: (update) => deliver({ ...update, update_id: update.update_id ?? nextUpdateId++ } as Update),
    redeliver(updateId) {
      const update = delivered.get(updateId);
      if (!update) throw new Error(`update ${updateId} was never delivered`);
      return deliver(update);
    },
    failCall(method, failure, nth = 1) {
      failures.push({ method, countdown: nth, failure });
    },
    addFile,
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
    },
  };
}

/** The emulator on its own port of 127.0.0.1, for tests. */
export async function startFakeTelegramApi(options: { username?: string } = {}): Promise<FakeTelegramApi> {
  const emulator = createTelegramEmulator(options);
  const server: Server = createServer((req, res) => {
    void readBody(req).then(async (body) => {
      const answer = await emulator.handle({ method: req.method ?? "GET", url: req.url ?? "/", contentType: req.headers["content-type"] ?? "", body });
      res.writeHead(answer.status, { "content-type": answer.type }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  emulator.apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const wakePollers = emulator.close;
  return Object.assign(emulator, {
    async close() {
      await wakePollers();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

class ApiError extends Error {
  constructor(readonly code: number, message: string, readonly retryAfter?: number) {
    super(message);
  }
}

/** grammY sends JSON, or multipart when uploading files: fields become params, files { filename, bytes }. */
function readParams(raw: Buffer, type: string): Record<string, unknown> {
  if (raw.length === 0) return {};
  if (type.includes("multipart/form-data")) {
    const params: Record<string, unknown> = { multipart: true };
    for (const p of parseMultipart(raw, type)) params[p.name] = p.filename !== undefined || p.type ? { filename: p.filename, bytes: Buffer.from(p.data) } : p.data.toString("utf8");
    return params;
  }
  const body = raw.toString("utf8");
  if (type.includes("application/json")) return JSON.parse(body) as Record<string, unknown>;
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(body));
  return { multipart: true };
}
