import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { zaloSignature } from "../bot/zalo/inbound/signature.js";

export interface RecordedZaloCall {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** JSON body, form fields, or the multipart parts' names and sizes. */
  body: unknown;
  /** The Zalo `error` we answered with. */
  error: number;
  /** When the call arrived (ms since the epoch). */
  at: number;
}

export interface FakeZaloOptions {
  appId: string;
  appSecret: string;
  /** The refresh token an operator would copy from Zalo's console. */
  refreshToken: string;
  accessTokenSeconds?: number;
  /** Delay for token refreshes, to widen races in tests. */
  refreshDelayMs?: number;
}

const token = () => randomBytes(18).toString("base64url");

/** The parts of a multipart/form-data upload, read by the platform's own parser. */
async function formParts(raw: Buffer, contentType: string): Promise<{ name: string; filename?: string; type?: string; data: Buffer }[]> {
  const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
  const parts = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") parts.push({ name, data: Buffer.from(value) });
    else parts.push({ name, filename: value.name, type: value.type, data: Buffer.from(await value.arrayBuffer()) });
  }
  return parts;
}

/** How a hosted attachment misbehaves when fetched. */
export type AttachmentTrouble =
  | { kind: "stall"; afterBytes: number }
  | { kind: "no-length" }
  | { kind: "status"; status: number };

/**
 * A Zalo OA API and OAuth emulator, serving both roots:
 * single-use refresh tokens, -216 for unknown or expired access tokens,
 * uploads, CS messages, profiles and hosted attachment files; every call is recorded.
 * Tests run it on its own port (startFakeZaloApi); the simulator mounts it in the app's server,
 * `at.href` being its root there.
 */
export function createZaloEmulator(o: FakeZaloOptions, at: { href: string }) {
  const calls: RecordedZaloCall[] = [];
  const callListeners = new Set<(call: RecordedZaloCall) => void>();
  const refreshTokens = new Map<string, "unused" | "spent">([[o.refreshToken, "unused"]]);
  const accessTokens = new Map<string, number>();
  /** Access tokens Zalo revoked or expired early, with the code it answers for them. */
  const revoked = new Map<string, number>();
  let refuseRefresh = false;
  /** While set, every CS message waits for it: Zalo answering nothing for now. */
  let sendsHeld: Promise<void> | undefined;
  const troubles = new Map<string, AttachmentTrouble>();
  const uploads = new Map<string, { data: Buffer; type: string }>();
  const profiles = new Map<string, { display_name: string }>();
  let messageSeq = 0;

  const json = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const path = url.pathname;
    const record = (body: unknown, error: number) => {
      const call = { method: req.method ?? "", path, headers: req.headers, body, error, at: Date.now() };
      calls.push(call);
      for (const l of callListeners) l(call);
    };

    if (req.method === "GET" && path.startsWith("/attachments/")) {
      const id = path.slice("/attachments/".length);
      const file = uploads.get(id);
      const trouble = troubles.get(id);
      if (!file) return void res.writeHead(404).end();
      if (trouble?.kind === "status") return void res.writeHead(trouble.status).end();
      if (trouble?.kind === "no-length") {
        res.writeHead(200, { "content-type": file.type });
        for (let i = 0; i < file.data.length; i += 64 * 1024) res.write(file.data.subarray(i, i + 64 * 1024));
        return void res.end();
      }
      if (trouble?.kind === "stall") {
        // Sends the start, then nothing: the connection stays open until the client gives up.
        res.writeHead(200, { "content-type": file.type, "content-length": file.data.length });
        res.write(file.data.subarray(0, trouble.afterBytes));
        return;
      }
      return void res.writeHead(200, { "content-type": file.type, "content-length": file.data.length }).end(file.data);
    }
    if (path === "/v4/oa/access_token") {
      const form = Object.fromEntries(new URLSearchParams(raw.toString("utf8")));
      const rt = form.refresh_token ?? "";
      const valid = req.headers.secret_key === o.appSecret && form.app_id === o.appId && form.grant_type === "refresh_token";
      if (!valid || refuseRefresh || refreshTokens.get(rt) !== "unused") {
        record({ ...form, refresh_token: rt }, -14014);
        return json(res, { error: -14014, error_name: "Invalid refresh token", error_description: "refresh token is invalid or spent" });
      }
      refreshTokens.set(rt, "spent");
      if (o.refreshDelayMs) await new Promise((r) => setTimeout(r, o.refreshDelayMs));
      const pair = { access_token: token(), refresh_token: token(), expires_in: String(o.accessTokenSeconds ?? 90_000) };
      refreshTokens.set(pair.refresh_token, "unused");
      accessTokens.set(pair.access_token, Date.now() + Number(pair.expires_in) * 1000);
      record({ ...form }, 0);
      return json(res, pair);
    }
    const access = String(req.headers.access_token ?? "");
    const until = accessTokens.get(access);
    const isUpload = path.startsWith("/v2.0/oa/upload/");
    const parts = isUpload ? await formParts(raw, String(req.headers["content-type"] ?? "")) : [];
    const body = isUpload
      ? parts.map((p) => ({ name: p.name, filename: p.filename, type: p.type, size: p.data.length }))
      : raw.length
        ? (JSON.parse(raw.toString("utf8")) as unknown)
        : Object.fromEntries(url.searchParams);
    const revokedWith = revoked.get(access);
    if (revokedWith !== undefined) {
      record(body, revokedWith);
      return json(res, { error: revokedWith, message: "Access token is expired or removed" });
    }
    if (until === undefined || until < Date.now()) {
      record(body, -216);
      return json(res, { error: -216, message: "Access token is invalid" });
    }
    if (isUpload) {
      const file = parts.find((p) => p.name === "file");
      if (!file) {
        record(body, -201);
        return json(res, { error: -201, message: "file is missing" });
      }
      const id = token();
      uploads.set(id, { data: file.data, type: file.type ?? "application/octet-stream" });
      record(body, 0);
      return json(res, { error: 0, message: "Success", data: path.endsWith("/image") ? { attachment_id: id } : { token: id } });
    }
    if (path === "/v3.0/oa/message/cs" && req.method === "POST") {
      await sendsHeld;
      const userId = String((body as { recipient?: { user_id?: string } }).recipient?.user_id ?? "");
      record(body, 0);
      return json(res, { error: 0, message: "Success", data: { message_id: `m${++messageSeq}`, user_id: userId } });
    }
    if (path === "/v3.0/oa/user/detail") {
      const userId = String((JSON.parse(url.searchParams.get("data") ?? "{}") as { user_id?: string }).user_id ?? "");
      record(body, 0);
      return json(res, { error: 0, message: "Success", data: { user_id: userId, user_is_follower: true, ...(profiles.get(userId) ?? { display_name: "Zalo user" }) } });
    }
    record(body, -32);
    json(res, { error: -32, message: "unknown endpoint" });
  }

  return {
    /** Answers one request; `req.url` is relative to the root. */
    handle(req: Pick<IncomingMessage, "method" | "url" | "headers">, res: ServerResponse, raw: Buffer): Promise<void> {
      return handle(req as IncomingMessage, res, raw).catch((e: unknown) => {
        res.writeHead(500).end(String(e));
      });
    },
    /** Called after every recorded call (the simulator's page follows the OA's messages). */
    onCall(listener: (call: RecordedZaloCall) => void): () => void {
      callListeners.add(listener);
      return () => void callListeners.delete(listener);
    },
    calls,
    /** When each CS message to one user arrived, in order (ms since the epoch). */
    messageTimes: (userId: string) =>
      calls
        .filter((c) => c.path === "/v3.0/oa/message/cs" && c.error === 0 && (c.body as { recipient: { user_id: string } }).recipient.user_id === userId)
        .map((c) => c.at),
    /** The CS messages sent to one user, in order. */
    messagesTo: (userId: string) =>
      calls
        .filter((c) => c.path === "/v3.0/oa/message/cs" && c.error === 0)
        .map((c) => c.body as { recipient: { user_id: string }; message: Record<string, unknown> })
        .filter((b) => b.recipient.user_id === userId)
        .map((b) => b.message),
    refreshTokenUses: (rt: string) => calls.filter((c) => c.path === "/v4/oa/access_token" && (c.body as { refresh_token?: string }).refresh_token === rt).length,
    /** Every access token issued so far now answers -216. */
    expireAccessTokens: () => {
      for (const k of accessTokens.keys()) accessTokens.set(k, 0);
    },
    /** Every access token issued so far now answers `code` (Zalo's -220: expired or removed, before its time). */
    revokeAccessTokens: (code = -220) => {
      for (const k of accessTokens.keys()) revoked.set(k, code);
    },
    /** Every CS message from now on waits unanswered (a stalled Zalo) until the returned release is called. */
    holdSends: (): (() => void) => {
      let release!: () => void;
      sendsHeld = new Promise((r) => (release = r));
      return () => {
        sendsHeld = undefined;
        release();
      };
    },
    /** From now on every refresh token is refused, as when the OA's authorization was withdrawn. */
    refuseRefreshTokens: () => {
      refuseRefresh = true;
    },
    /** The user-detail calls made for one user. */
    profileLookups: (userId: string) =>
      calls.filter((c) => c.path === "/v3.0/oa/user/detail" && (c.body as { data?: string }).data?.includes(userId)).length,
    setProfile: (userId: string, displayName: string) => profiles.set(userId, { display_name: displayName }),
    /** Hosts bytes as a user's attachment (a photo the user sent) and returns its URL; `trouble` makes fetching it fail. */
    hostAttachment(data: Buffer, type: string, trouble?: AttachmentTrouble): string {
      const id = token();
      uploads.set(id, { data, type });
      if (trouble) troubles.set(id, trouble);
      return `${at.href}/attachments/${id}`;
    },
    uploaded: (id: string) => uploads.get(id),
  };
}

export type ZaloEmulator = ReturnType<typeof createZaloEmulator>;

/** The emulator on its own port of 127.0.0.1, for tests. */
export async function startFakeZaloApi(o: FakeZaloOptions) {
  const at = { href: "" };
  const emulator = createZaloEmulator(o, at);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => void emulator.handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  at.href = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...emulator,
    /** Use as both ZALO_API_ROOT and ZALO_OAUTH_ROOT. */
    root: at.href,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        // Stalled attachment downloads would hold the server open.
        server.closeAllConnections();
      }),
  };
}

export type FakeZaloApi = Awaited<ReturnType<typeof startFakeZaloApi>>;

/** Delivers an event to a webhook signed as Zalo would sign it; returns the HTTP status. */
export async function sendSignedZaloEvent(
  webhookUrl: string,
  event: Record<string, unknown>,
  keys: { appId: string; oaSecretKey: string },
  tamper?: (raw: Buffer) => Buffer,
): Promise<number> {
  const raw = Buffer.from(JSON.stringify({ app_id: keys.appId, timestamp: String(Date.now()), ...event }));
  const timestamp = String((JSON.parse(raw.toString("utf8")) as { timestamp: string }).timestamp);
  const signature = zaloSignature(keys.appId, raw, timestamp, keys.oaSecretKey);
  const res = await fetch(webhookUrl, {
    method: "POST",
    headers: { "content-type": "application/json", "x-zevent-signature": signature },
    body: tamper ? tamper(raw) : raw,
  });
  return res.status;
}
