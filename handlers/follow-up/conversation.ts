import type { FeatureDeps, InnerContext } from "../../bot/deps.js";
import type { ViolationType } from "../../models/ticket.js";
import { submitFollowUp, type EvidenceFollowUp } from "../../services/tickets/follow-up-evidence.js";
import { transitionTicket } from "../../services/tickets/transition.js";
import { RestartReport, startIdleClock, type ReportConversation } from "../report/ask.js";
import { collectNote } from "../report/conversation.js";
import { collectPhotos, downloadPhotos } from "../report/photos.js";
import { followUpRefusalText } from "./buttons.js";
import { label } from "../../services/text/labels.js";

/** What the follow-up is about: evidence for an open ticket, "not fixed", or the reason of a rating. */
export type FollowUpArgs = { mode: EvidenceFollowUp; ticketId: string; type: ViolationType } | { mode: "reason"; ticketId: string; satisfied: boolean };

/**
 * A reporter's follow-up to a ticket (issue 17), with the report's own steps: the photo step
 * (decoded, refused uploads explained) and the note step. Nothing is stored before the end,
 * and the one transition decides again whether it is still allowed.
 */
export function followUpConversation(deps: FeatureDeps) {
  return async function followup(conv: ReportConversation, ctx: InnerContext, args: FollowUpArgs): Promise<void> {
    await startIdleClock(conv, deps);
    const accountId = ctx.account.id;
    try {
      if (args.mode === "reason") {
        const reason = await collectNote(conv, deps, ctx, "rate-reason-ask");
        if (!reason) return void (await ctx.reply(ctx.t("rate-reason-skipped")));
        const r = await conv.external(async () => {
          const done = await transitionTicket({ ...deps.stores, clock: deps.clock }, accountId, args.ticketId, { kind: "rate", satisfied: args.satisfied, reason });
          return done.ok ? { ok: true as const } : { ok: false as const, reason: done.reason, number: done.ticket?.number };
        });
        return void (await ctx.reply(r.ok ? ctx.t("rate-reason-saved") : followUpRefusalText(ctx.t, r.reason, "rate", r.number)));
      }
      const adding = args.mode === "add";
      const photos = await collectPhotos(conv, deps, ctx, args.type, { ask: adding ? "add-photo-ask" : "not-fixed-photo-ask", optional: adding });
      const note = await collectNote(conv, deps, ctx, adding ? "add-note-ask" : "not-fixed-note-ask");
      if (photos.length === 0 && !note) return void (await ctx.reply(ctx.t("add-nothing")));
      const r = await conv.external(async () => submitFollowUp(deps, accountId, args.ticketId, args.mode, await downloadPhotos(deps, photos), note));
      if (!r.ok) return void (await ctx.reply(followUpRefusalText(ctx.t, r.reason, adding ? "add" : "not_fixed", r.number)));
      const verdict = r.verdict ? label(ctx.t, "verdict", r.verdict) : ctx.t("report-none");
      await ctx.reply(ctx.t(`followup-done-${r.kind}`, { number: r.number, photos: photos.length, verdict }));
    } catch (e) {
      // /report or /start during a follow-up, answered "start over": the follow-up ends, a report begins next time.
      if (!(e instanceof RestartReport)) throw e;
      await ctx.reply(ctx.t("cancel-done"));
    }
  };
}
