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
];

/** Bot tokens also appear inside URLs (api.telegram.org/bot<token>/…); scrub them from messages. */
// No leading \b: in URLs the token follows "bot" directly (…/bot123:ABC/getMe).
const TOKEN_IN_TEXT = /(?<!\d)\d{5,}:[A-Za-z0-9_-]{20,}/g;

export function scrubSecrets(text: string): string {
  return text.replace(TOKEN_IN_TEXT, "<bot-token>");
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
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === "string" ? scrubSecrets(a) : a));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      serializers: {
        err: (e: unknown) => {
          const s = pino.stdSerializers.err(e as Error);
          if (s && typeof s.message === "string") s.message = scrubSecrets(s.message);
          if (s && typeof s.stack === "string") s.stack = scrubSecrets(s.stack);
          return s;
        },
      },
    },
    destination,
  );
}
