import axios, { type AxiosInstance } from "axios";
import { defaultRetryPolicy, PERMANENT, TRANSIENT, withRetry, type Outcome, type RetryPolicy, type Verdict } from "../../outbound-retry.js";
import { TRANSIENT_ZALO_CODES } from "./zalo-codes.js";

/** Zalo answered with a non-zero `error`: the code and the endpoint say what failed. */
export class ZaloApiError extends Error {
  constructor(
    readonly code: number,
    readonly endpoint: string,
    description: string,
  ) {
    super(`Zalo ${endpoint} failed with ${code}: ${description}`);
    this.name = "ZaloApiError";
  }
}

/** Zalo's gateway (or its OAuth server) answered an HTTP error instead of its JSON envelope. */
export class ZaloHttpError extends ZaloApiError {
  constructor(
    readonly status: number,
    endpoint: string,
  ) {
    super(status, endpoint, `HTTP ${status}`);
    this.name = "ZaloHttpError";
  }
}

/** Zalo's half of the retry policy: which failures pass if tried again (zalo-codes.ts says why). */
export function judgeZalo(outcome: Outcome<unknown>): Verdict {
  if (outcome.ok) return PERMANENT;
  const e = outcome.error;
  if (e instanceof ZaloHttpError) return e.status >= 500 || e.status === 429 ? TRANSIENT : PERMANENT;
  if (e instanceof ZaloApiError) return TRANSIENT_ZALO_CODES.includes(e.code) ? TRANSIENT : PERMANENT;
  // No answer at all: the connection was refused or dropped, or the request timed out.
  return axios.isAxiosError(e) && e.response === undefined ? TRANSIENT : PERMANENT;
}

/**
 * Codes that mean "this access token no longer works": refresh once and try again, never the
 * same token again. Checked (December 2026) against what could be found; Zalo's own table
 * (developers.zalo.me, "Phụ lục › Mã lỗi") was not reachable, so each code is what sources agree on:
 * - -216 "Access token is invalid": OA API. Zalo's PHP SDK (zaloplatform/zalo-php-sdk,
 *   src/Exceptions/ZaloResponseException.php) lists it among the OA errors, and integrations
 *   refresh on it (it is what an expired token gets).
 * - -220 access token expired or removed (revoked, or the OA's authorisation withdrawn): OA API.
 * - -124 "Access token invalid": the ZNS/ZBS code (zalo.cloud/zns/guidelines/handle-error-code),
 *   answered on the same access token.
 * Two independent Zalo clients classify exactly these three as "refresh once and retry".
 * Not here: -201 (invalid parameter on v3; an old v2 table called it an invalid token, and a
 * refresh per malformed call would spend refresh tokens for nothing), -32 (rate limit), -217
 * (user blocked the OA). A refresh token Zalo refuses (OAuth v4, e.g. -14014) is tokens.ts's business.
 */
export const ACCESS_TOKEN_ERRORS: readonly number[] = [-216, -220, -124];

export type ZaloButton =
  /** The payload comes back to us as a message from the user; `show` displays it in the chat, `hide` does not. */
  | { title: string; type: "oa.query.show" | "oa.query.hide"; payload: string }
  | { title: string; type: "oa.open.url"; url: string };

export interface ZaloProfile {
  userId: string;
  displayName: string | undefined;
  isFollower: boolean | undefined;
}

export interface ZaloAccessTokens {
  accessToken(): Promise<string>;
  /** Zalo rejected this token: the next accessToken() refreshes. */
  expired(accessToken: string): Promise<void>;
}

export interface ZaloClientOptions {
  apiRoot: string;
  tokens: ZaloAccessTokens;
  timeoutMs?: number;
  http?: AxiosInstance;
  /** How transient failures are retried (tests: a sleep that does not wait). */
  retry?: RetryPolicy;
}

interface ZaloEnvelope {
  error?: number;
  message?: string;
  data?: Record<string, unknown>;
}

interface Call {
  method: "GET" | "POST";
  endpoint: string;
  json?: unknown;
  form?: FormData;
  params?: Record<string, string>;
}

/** Our own small Zalo OA v3 client: customer-service messages, uploads and profiles. */
export function createZaloClient(options: ZaloClientOptions) {
  const http = options.http ?? axios.create({ timeout: options.timeoutMs ?? 15_000 });
  const { tokens } = options;
  const retryPolicy = options.retry ?? defaultRetryPolicy();

  async function once(call: Call, accessToken: string): Promise<ZaloEnvelope> {
    const res = await http.request<ZaloEnvelope>({
      method: call.method,
      url: options.apiRoot + call.endpoint,
      headers: { access_token: accessToken },
      data: call.form ?? call.json,
      params: call.params,
      validateStatus: () => true,
    });
    if (res.status >= 500 || res.status === 429) throw new ZaloHttpError(res.status, call.endpoint);
    if (typeof res.data !== "object" || res.data === null) {
      throw new ZaloApiError(res.status, call.endpoint, `unexpected HTTP ${res.status} answer`);
    }
    return res.data;
  }

  /** One call, tried again on a transient failure (getting the token included): it reaches Zalo once. */
  const request = (call: Call) => withRetry(retryPolicy, () => requestOnce(call), judgeZalo);

  async function requestOnce(call: Call): Promise<Record<string, unknown>> {
    let token = await tokens.accessToken();
    let body = await once(call, token);
    // Refresh once when Zalo says the token expired before we expected it to.
    if (body.error !== undefined && ACCESS_TOKEN_ERRORS.includes(body.error)) {
      await tokens.expired(token);
      token = await tokens.accessToken();
      body = await once(call, token);
    }
    if (body.error !== 0) throw new ZaloApiError(body.error ?? -1, call.endpoint, body.message ?? "no message");
    return body.data ?? {};
  }

  const send = (userId: string, message: Record<string, unknown>) =>
    request({ method: "POST", endpoint: "/v3.0/oa/message/cs", json: { recipient: { user_id: String(userId) }, message } }).then(
      (d) => ({ messageId: String(d.message_id ?? "") }),
    );

  function upload(endpoint: string, bytes: Uint8Array, filename: string, contentType: string) {
    const form = new FormData();
    form.append("file", new Blob([bytes as Uint8Array<ArrayBuffer>], { type: contentType }), filename);
    return request({ method: "POST", endpoint, form });
  }

  return {
    sendText: (userId: string, text: string) => send(userId, { text }),

    sendButtons: (userId: string, text: string, buttons: ZaloButton[]) =>
      send(userId, {
        text,
        attachment: {
          type: "template",
          payload: {
            buttons: buttons.map((b) =>
              b.type === "oa.open.url" ? { title: b.title, type: b.type, payload: { url: b.url } } : { title: b.title, type: b.type, payload: b.payload },
            ),
          },
        },
      }),

    /** Uploads a JPEG/PNG (Zalo: at most 1 MB) and returns its attachment id. */
    async uploadImage(bytes: Uint8Array, filename: string, contentType = "image/jpeg"): Promise<string> {
      const d = await upload("/v2.0/oa/upload/image", bytes, filename, contentType);
      return String(d.attachment_id);
    },

    sendImage: (userId: string, attachmentId: string, text?: string) =>
      send(userId, {
        ...(text ? { text } : {}),
        attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "image", attachment_id: attachmentId }] } },
      }),

    /** Uploads a PDF/DOC/CSV (Zalo: at most 5 MB) and returns the token to send it with. */
    async uploadFile(bytes: Uint8Array, filename: string, contentType = "application/pdf"): Promise<string> {
      const d = await upload("/v2.0/oa/upload/file", bytes, filename, contentType);
      return String(d.token);
    },

    sendFile: (userId: string, fileToken: string) => send(userId, { attachment: { type: "file", payload: { token: fileToken } } }),

    /** Asks the user to share name and phone through Zalo's own consent card. */
    requestUserInfo: (userId: string, title: string, subtitle: string, imageUrl: string) =>
      send(userId, {
        attachment: { type: "template", payload: { template_type: "request_user_info", elements: [{ title, subtitle, image_url: imageUrl }] } },
      }),

    async getProfile(userId: string): Promise<ZaloProfile> {
      const d = await request({ method: "GET", endpoint: "/v3.0/oa/user/detail", params: { data: JSON.stringify({ user_id: String(userId) }) } });
      return {
        userId: String(d.user_id ?? userId),
        displayName: typeof d.display_name === "string" ? d.display_name : undefined,
        isFollower: typeof d.user_is_follower === "boolean" ? d.user_is_follower : undefined,
      };
    },
  };
}

export type ZaloClient = ReturnType<typeof createZaloClient>;
