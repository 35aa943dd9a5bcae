import { randomBytes } from "node:crypto";
import type { Account, accountStore, Role } from "../../models/account.js";
import type { auditStore } from "../../models/audit-event.js";
import type { claimStore } from "../../models/claim.js";
import type { invitationStore } from "../../models/invitation.js";
import type { wardStore } from "../../models/ward.js";
import { secretHash } from "./secret-hash.js";

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
/** Telegram's /start payload allows 64 characters of A-Za-z0-9_-. */
export const INVITE_PREFIX = "inv_";

export interface InvitationDeps {
  invitations: ReturnType<typeof invitationStore>;
  accounts: ReturnType<typeof accountStore>;
  wards: ReturnType<typeof wardStore>;
  claims: ReturnType<typeof claimStore>;
  audit: ReturnType<typeof auditStore>;
  clock: () => Date;
}

export type InviteScope = { role: "officer"; wardCode: string } | { role: "supervisor" | "enforcement" | "registry"; provinceCode: string } | { role: "admin" };

export class InvitationScopeError extends Error {
  constructor(readonly reason: "unknown_ward" | "unknown_province") {
    super(reason === "unknown_ward" ? "no ward with that code in the directory" : "no ward of that province in the directory");
    this.name = "InvitationScopeError";
  }
}

export const inviteLink = (botUsername: string, token: string) => `https://t.me/${botUsername}?start=${INVITE_PREFIX}${token}`;

/** Creates an invitation whose scope exists in the ward directory; returns the token once. */
export async function createInvitation(deps: InvitationDeps, scope: InviteScope, createdBy: string): Promise<{ token: string; expiresAt: Date }> {
  let wardCode: string | undefined;
  let provinceCode: string | undefined;
  if (scope.role === "officer") {
    const ward = await deps.wards.byCode(scope.wardCode);
    if (!ward) throw new InvitationScopeError("unknown_ward");
    ({ code: wardCode, provinceCode } = ward);
  } else if (scope.role !== "admin") {
    if ((await deps.wards.inProvince(scope.provinceCode)).length === 0) throw new InvitationScopeError("unknown_province");
    provinceCode = scope.provinceCode;
  }
  const token = randomBytes(24).toString("base64url");
  const at = deps.clock();
  const expiresAt = new Date(at.getTime() + INVITATION_TTL_MS);
  const inv = await deps.invitations.create({ tokenHash: secretHash(token), role: scope.role, wardCode, provinceCode, expiresAt, createdBy });
  await deps.audit.append({ at, actorRole: "admin", actorId: createdBy, action: "invite", subjectKind: "invitation", subjectId: inv.id, to: scope.role, note: wardCode ?? provinceCode });
  return { token, expiresAt };
}

export type Redemption = { ok: true; account: Account } | { ok: false; reason: "unknown" | "used" | "expired" };

/** Binds the account that opened the link to the invitation's role and scope, once. */
export async function redeemInvitation(deps: InvitationDeps, token: string, accountId: string): Promise<Redemption> {
  const inv = await deps.invitations.byTokenHash(secretHash(token));
  if (!inv) return { ok: false, reason: "unknown" };
  const at = deps.clock();
  if (inv.usedAt) return { ok: false, reason: "used" };
  if (inv.expiresAt.getTime() <= at.getTime()) return { ok: false, reason: "expired" };
  if (!(await deps.claims.take(`invitation:${inv.id}`, at, accountId))) return { ok: false, reason: "used" };
  await deps.invitations.markUsed(inv.id, accountId, at);
  const account = await deps.accounts.grantRole(accountId, inv.role as Role, {
    wardCode: inv.wardCode ?? undefined,
    provinceCode: inv.provinceCode ?? undefined,
  });
  if (!account) return { ok: false, reason: "unknown" };
  await deps.audit.append({ at, actorId: accountId, actorRole: inv.role, action: "redeem_invitation", subjectKind: "invitation", subjectId: inv.id, to: inv.role });
  return { ok: true, account };
}
