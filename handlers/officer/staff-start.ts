import { Composer } from "grammy";
import type { BotContext, OfficerDeps } from "../../bot/deps.js";
import type { Account } from "../../models/account.js";
import { INVITE_PREFIX, redeemInvitation } from "../../services/access/invitations.js";
import { wardNames } from "../../services/routing/ward-names.js";

/** `/start inv_<token>` from an invitation link binds this Telegram account to the invited role. */
export function staffStart(deps: OfficerDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.chatType("private").command("start", async (ctx, next) => {
    if (!ctx.match.startsWith(INVITE_PREFIX)) return next();
    const r = await redeemInvitation({ ...deps.stores, clock: deps.clock }, ctx.match.slice(INVITE_PREFIX.length), ctx.account.id);
    if (!r.ok) return void (await ctx.reply(ctx.t(`invite-${r.reason}`)));
    await ctx.reply(ctx.t(`invite-welcome-${r.account.role}`, { scope: await scopeName(deps, r.account) }));
  });
  c.chatType(["group", "supergroup"]).command("bindgroup", async (ctx) => {
    const account = ctx.account;
    if (account.role !== "officer" || account.revokedAt || !account.wardCode) return void (await ctx.reply(ctx.t("bindgroup-refused")));
    await deps.stores.wardGroups.bind(account.wardCode, String(ctx.chat.id), account.id);
    await deps.stores.audit.append({ at: deps.clock(), actorId: account.id, actorRole: "officer", action: "bind_group", subjectKind: "ward", subjectId: account.wardCode, to: String(ctx.chat.id) });
    await ctx.reply(ctx.t("bindgroup-done", { ward: (await wardNames(deps.stores.wards, [account.wardCode])).get(account.wardCode)! }));
  });
  return c;
}

/** The ward's or province's name for a staff account's welcome. */
async function scopeName(deps: OfficerDeps, a: Pick<Account, "wardCode" | "provinceCode">): Promise<string> {
  if (a.wardCode) return (await wardNames(deps.stores.wards, [a.wardCode])).get(a.wardCode)!;
  if (!a.provinceCode) return "";
  const [ward] = await deps.stores.wards.inProvince(a.provinceCode);
  return ward?.provinceName ?? a.provinceCode;
}
