import { createHash } from "node:crypto";
import type { I18n } from "@grammyjs/i18n";
import { GrammyError, InputFile, type Api } from "grammy";
import type { BotContext } from "../deps.js";
import type { Stores } from "../../models/index.js";
import type { Ticket } from "../../models/ticket.js";
import type { ShownCard, TicketCardCopy } from "../../models/ticket-card.js";
import type { Logger } from "../../platform/logger.js";
import { cardNames, renderCard } from "./ticket-card.js";

export interface WardCardDeps {
  api: Api;
  i18n: I18n<BotContext>;
  stores: Stores;
  clock: () => Date;
  logger: Logger;
  defaultLocale: "vi" | "en";
}

type Card = ReturnType<typeof renderCard>;

/**
 * Sends a ticket's card to the ward's group (in the default language) and to each officer (in
 * theirs), and remembers every copy so later changes edit it. A chat that already has a copy
 * is skipped, so a delivery retried after a partial failure posts no second card. A reopened
 * ticket is posted again with the resident's new photo: the copies made for this reopening
 * (its round) are the ones skipped.
 */
export async function postCard(deps: WardCardDeps, ticket: Ticket, occasion: "ticket_opened" | "ticket_reopened" = "ticket_opened"): Promise<void> {
  // Recipients first (operations, issue 19): a ward with no bound group and no officer on
  // Telegram gets no card, so its photo is not read from GridFS at all (the bench measured
  // photo reads at a fifth of the database's time when every card read one).
  const group = await deps.stores.wardGroups.chatOf(ticket.wardCode);
  const officers = (await deps.stores.accounts.officersOfWard(ticket.wardCode)).filter((o) => o.channel === "telegram");
  if (!group && officers.length === 0) return;
  const names = await cardNames(deps.stores, ticket, deps.clock());
  const reopenings = occasion === "ticket_reopened" ? (ticket.additions ?? []).filter((a) => a.kind === "reopen") : [];
  const round = reopenings.length;
  const photo = await annotatedPhoto(deps, reopenings.at(-1)?.evidenceIds[0] ?? ticket.reports[0]?.evidenceIds[0]);
  const posted = new Set((await deps.stores.ticketCards.of(ticket.id, round)).map((c) => c.chatId));
  const send = async (chatId: string, locale: "vi" | "en") => {
    if (posted.has(chatId)) return;
    // The photo goes first, on its own: the card below stays a text message that changes edit in place.
    if (photo) await deps.api.sendPhoto(chatId, new InputFile(photo), { caption: ticket.number });
    const card = renderCard(ticket, (k, a) => deps.i18n.t(locale, k, a), deps.clock(), names);
    const sent = await deps.api.sendMessage(chatId, card.text, { reply_markup: card.keyboard });
    await deps.stores.ticketCards.add({ ticketId: ticket.id, chatId, messageId: sent.message_id, locale, round }, shownOf(ticket, card));
  };
  if (group) await send(group, deps.defaultLocale);
  for (const officer of officers) await send(officer.externalId, officer.locale);
}

/** Re-renders every posted copy of a ticket's card to its current state. */
export async function refreshCards(deps: WardCardDeps, ticket: Ticket): Promise<void> {
  const names = await cardNames(deps.stores, ticket, deps.clock());
  for (const copy of await deps.stores.ticketCards.of(ticket.id)) {
    // The first render uses the ticket as loaded; a repair reads it again.
    let loaded: Ticket | undefined = ticket;
    const render: RenderCurrent = async () => {
      const current = loaded ?? (await deps.stores.tickets.byId(ticket.id));
      loaded = undefined;
      return current && { ticket: current, card: renderCard(current, (k, a) => deps.i18n.t(copy.locale, k, a), deps.clock(), names) };
    };
    if (!(await showCard(deps, copy, render))) {
      deps.logger.info({ ticket: ticket.number, chatId: copy.chatId, messageId: copy.messageId }, "card copy gone: forgotten");
      await deps.stores.ticketCards.remove(copy);
    }
  }
}

/** What a card shows, to compare with what a copy shows already. */
function shownOf(ticket: Pick<Ticket, "version">, card: Card): ShownCard {
  const digest = createHash("sha256").update(card.text).update("\0").update(JSON.stringify(card.keyboard.inline_keyboard)).digest("base64url");
  return { version: ticket.version, digest };
}

/** A card rendered from a ticket as it is stored now (undefined when the ticket is gone). */
export type RenderCurrent = () => Promise<{ ticket: Pick<Ticket, "version">; card: Card } | undefined>;

/**
 * Brings one message showing a ticket's card to what `render` makes of the stored ticket: sent only
 * when it changes what the copy shows, and never over a newer version (a refresh that loaded the
 * ticket before a press does not land after the pressed card). Should a newer version be claimed
 * while this edit was under way, the two edits may have crossed: the copy is rendered once more from
 * the stored ticket. False when the message is gone.
 */
export async function showCard(
  deps: { api: Api; stores: Pick<Stores, "ticketCards"> },
  copy: Pick<TicketCardCopy, "chatId" | "messageId">,
  render: RenderCurrent,
): Promise<boolean> {
  for (let pass = 0; pass < 3; pass++) {
    const current = await render();
    if (!current) return true;
    const shown = shownOf(current.ticket, current.card);
    if (!(await deps.stores.ticketCards.claimShow(copy, shown))) return true;
    let edited;
    try {
      edited = await editCard(deps.api, copy, current.card);
    } catch (e) {
      await deps.stores.ticketCards.unclaimShow(copy, shown);
      throw e;
    }
    if (!edited) return false;
    const now = await deps.stores.ticketCards.shownVersion(copy);
    if (now === undefined || now <= shown.version) return true;
  }
  return true;
}

/**
 * Edits one message showing a card. Unchanged text is success (the pressed card was edited
 * already); false when Telegram refuses the edit for good (the message was deleted); other
 * failures throw, so the outbox retries them.
 */
export async function editCard(api: Api, copy: Pick<TicketCardCopy, "chatId" | "messageId">, card: Card): Promise<boolean> {
  try {
    await api.editMessageText(copy.chatId, copy.messageId, card.text, { reply_markup: card.keyboard });
    return true;
  } catch (e) {
    if (!(e instanceof GrammyError) || e.error_code !== 400) throw e;
    return /not modified/i.test(e.description);
  }
}

/** A photo's annotated preview (the code outlined), else its original: the first report's, or a reopening's. */
async function annotatedPhoto(deps: WardCardDeps, id: string | undefined): Promise<Buffer | undefined> {
  const evidence = id ? await deps.stores.evidence.byId(id) : undefined;
  return evidence ? deps.stores.evidence.readFile(evidence.previewFileId ?? evidence.fileId) : undefined;
}
