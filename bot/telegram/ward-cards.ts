import type { I18n } from "@grammyjs/i18n";
import { InputFile, type Api } from "grammy";
import type { BotContext } from "../deps.js";
import type { Stores } from "../../models/index.js";
import type { Ticket } from "../../models/ticket.js";
import type { Logger } from "../../platform/logger.js";
import { renderCard } from "./ticket-card.js";

export interface WardCardDeps {
  api: Api;
  i18n: I18n<BotContext>;
  stores: Stores;
  clock: () => Date;
  logger: Logger;
  defaultLocale: "vi" | "en";
}

const LEASE_MS = 60_000;
const RETRY_MS = 30_000;

/** Sends a ticket's card to the ward's group (in the default language) and to each officer (in theirs). */
export async function postCard(deps: WardCardDeps, ticket: Ticket): Promise<void> {
  const venue = ticket.venueCode ? await deps.stores.venues.byCode(ticket.venueCode) : undefined;
  const photo = await annotatedPhoto(deps, ticket);
  const send = async (chatId: string, locale: string) => {
    // The photo goes first, on its own: the card below stays a text message that buttons edit in place.
    if (photo) await deps.api.sendPhoto(chatId, new InputFile(photo), { caption: ticket.number });
    const card = renderCard(ticket, (k, a) => deps.i18n.t(locale, k, a), deps.clock(), venue);
    await deps.api.sendMessage(chatId, card.text, { reply_markup: card.keyboard });
  };
  const group = await deps.stores.wardGroups.chatOf(ticket.wardCode);
  if (group) await send(group, deps.defaultLocale);
  for (const officer of await deps.stores.accounts.officersOfWard(ticket.wardCode)) {
    if (officer.channel === "telegram") await send(officer.externalId, officer.locale);
  }
}

/** The first report's annotated preview (the code outlined), else its original photo. */
async function annotatedPhoto(deps: WardCardDeps, ticket: Ticket): Promise<Buffer | undefined> {
  const id = ticket.reports[0]?.evidenceIds[0];
  const evidence = id ? await deps.stores.evidence.byId(id) : undefined;
  return evidence ? deps.stores.evidence.readFile(evidence.previewFileId ?? evidence.fileId) : undefined;
}

/**
 * Delivers the outbox's ward messages (new tickets, merged reports) as cards; a message is
 * claimed before sending, so several instances post each card once.
 */
export function createWardCardWorker(deps: WardCardDeps) {
  async function deliverOne(): Promise<boolean> {
    const now = deps.clock();
    const m = await deps.stores.outbox.claimDue("ward", [], now, LEASE_MS);
    if (!m) return false;
    try {
      const { ticketId } = JSON.parse(m.payload) as { ticketId: string };
      const ticket = await deps.stores.tickets.byId(ticketId);
      if (ticket) await postCard(deps, ticket);
      await deps.stores.outbox.markSent(m.id, deps.clock());
    } catch (e) {
      deps.logger.warn({ err: e, outboxId: m.id }, "ticket card not delivered");
      await deps.stores.outbox.markFailed(m.id, String((e as Error).message ?? e), m.attempts < 8 ? new Date(now.getTime() + RETRY_MS * m.attempts) : undefined);
    }
    return true;
  }
  return {
    async drain(): Promise<number> {
      let n = 0;
      while (await deliverOne()) n++;
      return n;
    },
  };
}
