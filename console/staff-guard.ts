import type { FastifyReply, FastifyRequest } from "fastify";
import { csrfMatches, resumeSession } from "../services/access/console-sessions.js";
import { ConsoleError } from "./console-error.js";
import type { ConsoleContext } from "./context.js";

export const SESSION_COOKIE = "qr_console";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Secure whenever the console is reached over HTTPS: directly, or (PUBLIC_URL https) behind a proxy. */
export function cookieOptions(c: ConsoleContext, request: FastifyRequest) {
  const secure = request.protocol === "https" || !!c.deps.publicUrl?.startsWith("https:");
  return { path: "/console", httpOnly: true, sameSite: "lax" as const, secure };
}

/** The synchronizer token: a form's hidden `_csrf`, the `x-csrf-token` header (scripts), or, for multipart uploads whose body is read later, `?_csrf=`. */
function sentToken(request: FastifyRequest): unknown {
  const header = request.headers["x-csrf-token"];
  if (header) return header;
  if (String(request.headers["content-type"] ?? "").startsWith("multipart/")) return (request.query as Record<string, unknown> | undefined)?._csrf;
  return (request.body as Record<string, unknown> | undefined)?._csrf;
}

/**
 * requireStaff: every request of the signed-in scope loads its session and the account as
 * stored now (a revoked account's sessions end here, at its next request), then checks the
 * CSRF token of anything that changes state. What the account may see is decided by each
 * page through services/access/authorize.ts, the function the chat uses.
 */
export function staffGuard(c: ConsoleContext) {
  const deps = { ...c.deps.stores, clock: c.deps.clock };
  return async function requireStaff(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const resumed = await resumeSession(deps, request.cookies[SESSION_COOKIE]);
    if (!resumed.ok) {
      if (request.cookies[SESSION_COOKIE]) reply.clearCookie(SESSION_COOKIE, cookieOptions(c, request));
      throw new ConsoleError(401, resumed.reason === "revoked" ? "console-session-revoked" : "console-session-none");
    }
    const { session, account } = resumed;
    c.setViewer(request, { account, session, locale: session.locale, t: c.translator(session.locale) });
    if (!SAFE_METHODS.has(request.method) && !csrfMatches(session, sentToken(request))) throw new ConsoleError(403, "console-error-csrf");
  };
}
