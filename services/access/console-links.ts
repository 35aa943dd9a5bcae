import { randomBytes } from "node:crypto";
import type { Account, accountStore } from "../../models/account.js";
import type { auditStore } from "../../models/audit-event.js";
import type { claimStore } from "../../models/claim.js";
import type { consoleLinkStore } from "../../models/console-link.js";
import { usesConsole } from "./authorize.js";
import { secretHash } from "./secret-hash.js";

export const CONSOLE_LINK_TTL_MS = 10 * 60 * 1000;
/** Where a link lands: a page that signs in on a button press, so a link preview cannot spend it. */
export const SIGN_IN_PATH = "/console/sign-in/";

export interface ConsoleLinkDeps {
  consoleLinks: ReturnType<typeof consoleLinkStore>;
  accounts: ReturnType<typeof accountStore>;
  claims: ReturnType<typeof claimStore>;
  audit: ReturnType<typeof auditStore>;
  clock: () => Date;
}

export const consoleLinkUrl = (baseUrl: string, token: string) => `${baseUrl.replace(/\/+$/, "")}${SIGN_IN_PATH}${token}`;

/** A one-time link for a staff account (192 random bits, 10 minutes); the token is returned once. */
export async function createConsoleLink(deps: ConsoleLinkDeps, account: Account, requestedBy: { id: string; role: string }): Promise<{ token: string; expiresAt: Date } | { refused: "forbidden" }> {
  if (!usesConsole(account)) return { refused: "forbidden" };
  const token = randomBytes(24).toString("base64url");
  const at = deps.clock();
  const expiresAt = new Date(at.getTime() + CONSOLE_LINK_TTL_MS);
  const link = await deps.consoleLinks.create({ tokenHash: secretHash(token), accountId: account.id, createdAt: at, expiresAt });
  await deps.audit.append({ at, actorId: requestedBy.id, actorRole: requestedBy.role, action: "console_link", subjectKind: "account", subjectId: account.id, note: link.id });
  return { token, expiresAt };
}

export type LinkRedemption = { ok: true; account: Account } | { ok: false; reason: "unknown" | "used" | "expired" | "forbidden" };

/** Spends a link once, for the account it was made for, if that account still works in the console. */
export async function redeemConsoleLink(deps: ConsoleLinkDeps, token: string): Promise<LinkRedemption> {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(token)) return { ok: false, reason: "unknown" };
  const link = await deps.consoleLinks.byTokenHash(secretHash(token));
  if (!link) return { ok: false, reason: "unknown" };
  const at = deps.clock();
  if (link.usedAt) return { ok: false, reason: "used" };
  if (link.expiresAt.getTime() <= at.getTime()) return { ok: false, reason: "expired" };
  if (!(await deps.claims.take(`console-link:${link.id}`, at, link.accountId))) return { ok: false, reason: "used" };
  await deps.consoleLinks.markUsed(link.id, at);
  const account = await deps.accounts.byId(link.accountId);
  if (!account || !usesConsole(account)) return { ok: false, reason: "forbidden" };
  return { ok: true, account };
}

/** Where staff reach the console: PUBLIC_URL, else this server's own address (a wildcard one on loopback). */
export function consoleBaseUrl(config: { publicUrl?: string; httpHost: string; httpPort: number }): string {
  if (config.publicUrl) return config.publicUrl;
  const host = config.httpHost === "0.0.0.0" || config.httpHost === "::" ? "127.0.0.1" : config.httpHost.includes(":") ? `[${config.httpHost}]` : config.httpHost;
  return `http://${host}:${config.httpPort}`;
}
