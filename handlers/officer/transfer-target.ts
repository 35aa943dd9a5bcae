import type { Stores } from "../../models/index.js";
import type { Ticket } from "../../models/ticket.js";
import { createWardSearch } from "../../services/routing/ward-search.js";
import { fullName, wardRef, type WardRef } from "../../services/routing/ward-ref.js";
import { searchKey } from "../../services/text/search-key.js";

export type TransferTarget = { ward: WardRef } | { candidates: WardRef[] };

/**
 * The ward an officer names after /transfer: by its name as people write it ("Vỹ Dạ",
 * "p. vy da", "Phường Vỹ Dạ"), or by its code, within the ticket's province. One whole name
 * is the target; otherwise the wards it may mean are offered back by name (none: an empty list).
 */
export async function transferTarget(wards: Stores["wards"], ticket: Pick<Ticket, "provinceCode">, text: string): Promise<TransferTarget> {
  const inProvince = (await wards.inProvince(ticket.provinceCode)).map(wardRef);
  const byCode = inProvince.find((w) => w.code === text.trim());
  if (byCode) return { ward: byCode };
  const found = createWardSearch(inProvince).search(text, { provinceCode: ticket.provinceCode, limit: 5 });
  // Only a whole name moves a ticket: "Phu" offers Phú Xuân, Phú Bài, … rather than guessing one.
  const typed = searchKey(text).replace(KIND_PREFIX, "");
  const exact = found.filter((w) => searchKey(w.name) === typed || searchKey(fullName(w)) === typed);
  return exact.length === 1 ? { ward: exact[0]! } : { candidates: found };
}

/** "p. vy da", "phuong vy da", "xa …": the kind a person may type before the name. */
const KIND_PREFIX = /^(phuong|xa|dac khu|p|x|dk) /;
