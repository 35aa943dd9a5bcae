import { pino, type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";

export type { Logger };

/** Paths that may carry secrets or personal data; pino replaces their values. */
export const REDACTED_PATHS = [
  "token",
  "*.token",
  "botToken",
  "*.botToken",
  "secret",
  "*.secret",
  "webhookSecret",
  "*.webhookSecret",
  "accessToken",
  "*.accessToken",
  "refreshToken",
  "*.refreshToken",
  "phone",
  "*.phone",
  "phoneNumber",
  "*.phoneNumber",
  "phone_number",
  "*.phone_number",
  "*.contact.phone_number",
  "req.headers.authorization",
  'req.headers["x-telegram-bot-api-secret-token"]',
  'req.headers["x-zevent-signature"]',
  "access_token",
  "*.access_token",
  "api_key",
  "*.api_key",
  "apiKey",
  "*.apiKey",
  // Message bodies: what residents and officers wrote is theirs, not the log's.
  "text",
  "*.text",
  "caption",
  "*.caption",
  "body",
  "*.body",
];

/** Bot tokens also appear inside URLs (api.telegram.org/bot<token>/…); scrub them from messages. */
// No leading \b: in URLs the token follows "bot" directly (…/bot123:ABC/getMe).
const TOKEN_IN_TEXT = /(?<!\d)\d{5,}:[A-Za-z0-9_-]{20,}/g;

/** Secrets in query strings (Open311 keys, OAuth tokens, CSRF tokens) and one-time sign-in links in paths. */
const SECRET_PARAM = /([?&](?:api_key|access_token|refresh_token|token|secret_key|code|_csrf)=)[^&\s"#]+/gi;
const SIGN_IN_PATH = /(\/sign-in\/)[A-Za-z0-9_-]{8,}/g;

export function scrubSecrets(text: string): string {
  return text.replace(TOKEN_IN_TEXT, "<bot-token>").replace(SECRET_PARAM, "$1[redacted]").replace(SIGN_IN_PATH, "$1[redacted]");
}

/** Strings anywhere in a log line's fields (a `url`, a `path`, a nested `request.url`) are scrubbed too. */
function scrubFields(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubSecrets(value);
  if (depth > 3 || value === null || typeof value !== "object" || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => scrubFields(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubFields(v, depth + 1)]));
}

/** Scalar context a typed error may carry (axios, grammY, ours) that tells what failed without what was sent. */
const ERROR_CONTEXT = ["code", "status", "statusCode", "error_code", "description", "endpoint", "reason"] as const;

/**
 * The one shape of an error in a log line: its type, message, code and status, and for an HTTP
 * client's error the method, host and path of the call, never its configuration, headers
 * (Zalo's access_token), query string or body (a resident's message). Everything logs errors
 * as `{ err }`, so this is the only way an error reaches the log.
 */
export function serializeError(e: unknown, depth = 0): Record<string, unknown> {
  if (!(e instanceof Error)) return { message: scrubSecrets(String(e)) };
  const x = e as Error & Record<string, unknown> & { config?: { method?: string; url?: string; baseURL?: string }; response?: { status?: number } };
  const out: Record<string, unknown> = { type: e.name, message: scrubSecrets(e.message) };
  for (const key of ERROR_CONTEXT) {
    const v = x[key];
    if (typeof v === "string" || typeof v === "number") out[key] = typeof v === "string" ? scrubSecrets(v) : v;
  }
  if (typeof x.response?.status === "number") out.status = x.response.status;
  if (x.config?.url) {
    try {
      const url = new URL(x.config.url, x.config.baseURL);
      Object.assign(out, { method: x.config.method?.toUpperCase(), host: url.host, path: scrubSecrets(url.pathname) });
    } catch {
      // A config without a usable URL says nothing more worth logging.
    }
  }
  if (typeof x.method === "string" && !out.method) out.method = x.method;
  if (e.stack) out.stack = scrubSecrets(e.stack);
  if (e.cause !== undefined && depth < 2) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

/** Lines a person reads in a terminal (main.ts asks for them when stdout is one); JSON everywhere else. */
export function prettyDestination(): DestinationStream {
  return pretty({ colorize: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname", singleLine: true });
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      formatters: { log: (fields) => scrubFields(fields) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === "string" ? scrubSecrets(a) : a));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      serializers: { err: serializeError, error: serializeError },
    },
    destination,
  );
}
