import type { DeadlineNotifier } from "../../services/tickets/deadlines.js";
import type { WardCardDeps } from "./ward-cards.js";

const time = (d: Date) => d.toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour12: false });

/** Reminders go to the ward's group; escalations to each supervisor of the province. */
export function telegramDeadlineNotifier(deps: WardCardDeps): DeadlineNotifier {
  return {
    async remind(ticket, kind, due) {
      const group = await deps.stores.wardGroups.chatOf(ticket.wardCode);
      if (group) await deps.api.sendMessage(group, deps.i18n.t(deps.defaultLocale, `remind-${kind}`, { number: ticket.number, at: time(due) }));
    },
    async escalate(ticket, kind, due, supervisors) {
      for (const s of supervisors) {
        if (s.channel !== "telegram") continue;
        await deps.api.sendMessage(s.externalId, deps.i18n.t(s.locale, `escalate-${kind}`, { number: ticket.number, ward: ticket.wardCode, at: time(due) }));
      }
      if (supervisors.length === 0) deps.logger.warn({ ticket: ticket.number }, "overdue ticket, but the province has no supervisor");
    },
  };
}
