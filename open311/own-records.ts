import type { ApiClient } from "../models/api-client.js";
import type { Stores } from "../models/index.js";
import type { Ticket } from "../models/ticket.js";
import { publicViews } from "../services/publication/public-tickets.js";
import type { PublicTicket } from "../services/publication/publication-rule.js";

/** What a partner itself sent with a request it filed: given back to the key that filed it, to no one else. */
export interface OwnText {
  description?: string;
  address?: string;
}

export type PartnerView = PublicTicket & { own?: OwnText };

/**
 * The views a caller reads: the publication rule's public view of every ticket, and for a key,
 * on the tickets that key filed, its own description and address string (the report it sent,
 * while it stands). Residents' text and exact points stay out: they are in other reports.
 */
export async function partnerViews(stores: Pick<Stores, "venues" | "accounts">, tickets: Ticket[], client: ApiClient | undefined): Promise<PartnerView[]> {
  const views: PartnerView[] = await publicViews(stores.venues, tickets);
  // Reading creates no account: only tickets some partner filed can hold this key's own text.
  if (!client || !tickets.some((t) => t.reports.some((r) => r.channel === "open311"))) return views;
  // The account every POST with this key files under (post-request.ts).
  const account = await stores.accounts.ensure("open311", client.id, { displayName: client.name });
  const byNumber = new Map(tickets.map((t) => [t.number, t]));
  return views.map((view) => {
    // A key that filed twice onto one ticket (merged) reads its latest report.
    const report = byNumber.get(view.number)?.reports.findLast((r) => r.accountId === account.id && r.channel === "open311" && !r.withdrawnAt);
    if (!report) return view;
    return { ...view, own: { description: report.note ?? undefined, address: report.address ?? undefined } };
  });
}
