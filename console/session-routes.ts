import type { FastifyInstance } from "fastify";
import { endSession } from "../services/access/console-sessions.js";
import type { ConsoleContext } from "./context.js";
import { cookieOptions, SESSION_COOKIE } from "./staff-guard.js";

/** Back to a console page the viewer came from (only a path of ours, never another site). */
export function backTo(referer: string | undefined): string {
  const path = referer ? (() => { try { return new URL(referer).pathname + new URL(referer).search; } catch { return ""; } })() : "";
  return path.startsWith("/console/") || path === "/console" ? path : "/console";
}

/** The signed-in viewer's own session: sign out, switch language. */
export function sessionRoutes(app: FastifyInstance, c: ConsoleContext): void {
  const deps = { ...c.deps.stores, clock: c.deps.clock };
  app.post("/sign-out", async (request, reply) => {
    const v = c.viewer(request);
    await endSession(deps, v.session, v.account);
    reply.clearCookie(SESSION_COOKIE, cookieOptions(c, request));
    return reply.redirect("/console/signed-out", 303);
  });

  app.post<{ Body: { to?: string } }>("/language", async (request, reply) => {
    const v = c.viewer(request);
    const to = request.body?.to === "en" ? "en" : "vi";
    await c.deps.stores.consoleSessions.setLocale(v.session.id, to);
    return reply.redirect(backTo(request.headers.referer), 303);
  });
}
