import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Account, accountStore } from "../../models/account.js";
import type { auditStore } from "../../models/audit-event.js";
import type { ConsoleSession, consoleSessionStore } from "../../models/console-session.js";
import { usesConsole } from "./authorize.js";
import { secretHash } from "./secret-hash.js";

export const SESSION_IDLE_MS = 8 * 3600 * 1000;
/** However busy, a session ends this long after sign-in: a stolen cookie is not good for ever. */
export const SESSION_MAX_MS = 7 * 24 * 3600 * 1000;
/** Writes of `seenAt` are spared for requests closer together than this. */
const TOUCH_EVERY_MS = 60 * 1000;

export interface ConsoleSessionDeps {
  consoleSessions: ReturnType<typeof consoleSessionStore>;
  accounts: ReturnType<typeof accountStore>;
  audit: ReturnType<typeof auditStore>;
  clock: () => Date;
}

/** Opens a session for an account that just signed in; the cookie token is returned once. */
export async function openSession(deps: ConsoleSessionDeps, account: Account): Promise<{ token: string; session: ConsoleSession }> {
  const at = deps.clock();
  await deps.consoleSessions.removeIdleSince(new Date(at.getTime() - SESSION_IDLE_MS));
  await deps.consoleSessions.removeOpenedBefore(new Date(at.getTime() - SESSION_MAX_MS));
  const token = randomBytes(32).toString("base64url");
  const locale = account.locale === "en" ? "en" : "vi";
  const session = await deps.consoleSessions.create({ tokenHash: secretHash(token), accountId: account.id, csrf: randomBytes(24).toString("base64url"), locale, createdAt: at, seenAt: at });
  await deps.audit.append({ at, actorId: account.id, actorRole: account.role, action: "console_sign_in", subjectKind: "account", subjectId: account.id });
  return { token, session };
}

export type Resumed = { ok: true; session: ConsoleSession; account: Account } | { ok: false; reason: "none" | "idle" | "expired" | "revoked" };

/**
 * The session of a cookie and its account, read from the database on every request: a revoked
 * account (or one that lost its staff role) ends all its sessions at once.
 */
export async function resumeSession(deps: ConsoleSessionDeps, token: string | undefined): Promise<Resumed> {
  if (!token || token.length > 128) return { ok: false, reason: "none" };
  const session = await deps.consoleSessions.byTokenHash(secretHash(token));
  if (!session) return { ok: false, reason: "none" };
  const at = deps.clock();
  const [idle, age] = [at.getTime() - session.seenAt.getTime(), at.getTime() - session.createdAt.getTime()];
  if (idle > SESSION_IDLE_MS || age > SESSION_MAX_MS) {
    await deps.consoleSessions.remove(session.id);
    return { ok: false, reason: age > SESSION_MAX_MS ? "expired" : "idle" };
  }
  const account = await deps.accounts.byId(session.accountId);
  if (!account || !usesConsole(account)) {
    await deps.consoleSessions.removeOfAccount(session.accountId);
    return { ok: false, reason: "revoked" };
  }
  if (at.getTime() - session.seenAt.getTime() > TOUCH_EVERY_MS) await deps.consoleSessions.touch(session.id, at);
  return { ok: true, session, account };
}

/**
 * Signing in again (a new link, perhaps on a shared computer) ends the session the browser
 * still carried, so an id someone planted or saw before sign-in is worthless after it.
 */
export async function replaceSession(deps: ConsoleSessionDeps, oldToken: string | undefined, account: Account): Promise<{ token: string; session: ConsoleSession }> {
  if (oldToken && oldToken.length <= 128) {
    const old = await deps.consoleSessions.byTokenHash(secretHash(oldToken));
    if (old) await deps.consoleSessions.remove(old.id);
  }
  return openSession(deps, account);
}

export async function endSession(deps: ConsoleSessionDeps, session: ConsoleSession, account: Account): Promise<void> {
  await deps.consoleSessions.remove(session.id);
  await deps.audit.append({ at: deps.clock(), actorId: account.id, actorRole: account.role, action: "console_sign_out", subjectKind: "account", subjectId: account.id });
}

/** The synchronizer-token check, in constant time. */
export function csrfMatches(session: ConsoleSession, sent: unknown): boolean {
  if (typeof sent !== "string") return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}
