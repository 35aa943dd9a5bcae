import { Composer } from "grammy";
import type { BotContext, OfficerDeps } from "../../bot/deps.js";
import { viewReporterContacts } from "../../services/access/reporter-contact.js";
import type { TicketAction } from "../../models/ticket-states.js";
import { transitionTicket, type TransitionDeps } from "../../services/tickets/transition.js";
import { fullName, placeName } from "../../services/routing/ward-ref.js";
import { transferTarget } from "./transfer-target.js";

/** `/<command> <ticket number> <argument>` → the action it asks for; undefined when the argument is missing. /transfer names a ward (transferTarget). */
const PARSERS: Record<string, (arg: string) => TicketAction | undefined> = {
  note: (note) => (note ? { kind: "add_note", note } : undefined),
  reply: (text) => (text ? { kind: "message_reporter", text } : undefined),
  duplicate: (number) => (number ? { kind: "close_duplicate", duplicateOf: number } : undefined),
};

/**
 * The actions that need words: a note, a message to the reporter, a transfer, a duplicate.
 * Private chat only, so nothing about a reporter is typed into a group. What follows each
 * change (reporters told, cards re-rendered, the successor's card) is the transition's business.
 */
export function ticketCommands(deps: OfficerDeps, transitions: TransitionDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const pv = c.chatType("private");
  pv.command([...Object.keys(PARSERS), "transfer"], async (ctx) => {
    const command = ctx.message.text.slice(1).split(/[\s@]/)[0]!.toLowerCase();
    const [number = "", ...rest] = ctx.match.trim().split(/\s+/);
    const arg = rest.join(" ").trim();
    const ticket = number && arg ? await deps.stores.tickets.byNumber(number) : undefined;
    if (!ticket) return void (await ctx.reply(ctx.t(`usage-${command}`)));
    let action: TicketAction | undefined;
    if (command === "transfer") {
      const target = await transferTarget(deps.stores.wards, ticket, arg);
      if (!("ward" in target)) return void (await ctx.reply(target.candidates.length ? ctx.t("transfer-which", { wards: target.candidates.map(fullName).join(", ") }) : ctx.t("transfer-no-ward", { text: arg })));
      action = { kind: "transfer", wardCode: target.ward.code };
    } else action = PARSERS[command]!(arg);
    if (!action) return void (await ctx.reply(ctx.t(`usage-${command}`)));
    const r = await transitionTicket(transitions, ctx.account.id, ticket.id, action);
    if (!r.ok) return void (await ctx.reply(ctx.t(`refused-${r.reason}`)));
    const ward = r.successor ? await deps.stores.wards.byCode(r.successor.wardCode) : undefined;
    await ctx.reply(ctx.t(`done-${command}`, { number: r.ticket.number, successor: r.successor?.number ?? "", ward: ward ? placeName(ward) : "" }));
  });
  pv.command("contact", async (ctx) => {
    const ticket = ctx.match ? await deps.stores.tickets.byNumber(ctx.match.trim()) : undefined;
    if (!ticket) return void (await ctx.reply(ctx.t("usage-contact")));
    const r = await viewReporterContacts({ ...deps.stores, clock: deps.clock }, ctx.account.id, ticket.id);
    if (!r.ok) return void (await ctx.reply(ctx.t(`refused-${r.reason}`)));
    const lines = r.contacts.map((x) => ctx.t("contact-line", { n: x.n, name: x.name ?? "—", phone: x.phone ?? "—" }));
    await ctx.reply([ctx.t("contact-title", { number: ticket.number }), ...lines].join("\n"));
  });
  return c;
}
