import { Composer, InputFile } from "grammy";
import type { BotContext, OfficerDeps } from "../../bot/deps.js";
import { canSee } from "../../services/access/authorize.js";
import { collectEvidencePack, evidenceJson } from "../../services/evidence-export/evidence-pack.js";
import { summaryVi } from "../../services/evidence-export/summary-vi.js";

/**
 * /evidence <n>: each original photo as a document (bytes as received, SHA-256 in the
 * caption), then evidence.json and the Vietnamese summary. Every send is audited.
 */
export function evidenceCommand(deps: OfficerDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const pv = c.chatType("private");
  pv.command("evidence", async (ctx) => {
    const actor = ctx.account;
    const ticket = ctx.match ? await deps.stores.tickets.byNumber(ctx.match.trim()) : undefined;
    if (!ticket || !canSee(actor, ticket)) return void (await ctx.reply(ctx.t("staff-ticket-not-found")));
    const pack = await collectEvidencePack(deps.stores, ticket);
    await deps.stores.audit.append({ at: deps.clock(), actorId: actor.id, actorRole: actor.role, action: "evidence_sent", subjectKind: "ticket", subjectId: ticket.id, note: `${pack.photos.length} photos` });
    for (const p of pack.photos) await ctx.replyWithDocument(new InputFile(p.bytes, p.name), { caption: `SHA-256 ${p.evidence.sha256}` });
    await ctx.replyWithDocument(new InputFile(Buffer.from(JSON.stringify(evidenceJson(pack), null, 2)), `${ticket.number}-evidence.json`));
    await ctx.replyWithDocument(new InputFile(Buffer.from(summaryVi(pack)), `${ticket.number}-tom-tat.txt`), {
      caption: ctx.t("evidence-sent", { number: ticket.number, photos: pack.photos.length }),
    });
  });
  return c;
}
