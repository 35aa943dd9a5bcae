import type { Ticket } from "../../models/ticket.js";
import type { Venue } from "../../models/venue.js";
import type { ScanHistory } from "../../services/registry/scan-history.js";
import { dayVi } from "../../services/text/vietnam-day.js";
import { label } from "../../services/text/labels.js";

type Translate = (key: string, args?: Record<string, string | number>) => string;

/** The registry's side of an inspection card: the venue's record and its scan history instead of a resident's report. */
export function inspectionLines(t: Pick<Ticket, "venueCode" | "address">, tr: Translate, venue: Partial<Pick<Venue, "name" | "code" | "category" | "status">> | undefined, scans: ScanHistory | undefined): string[] {
  return [
    tr("card-source-inspection"),
    tr("card-venue", { venue: venue?.name ?? t.venueCode ?? "—" }),
    tr("card-venue-record", {
      code: t.venueCode ?? "—",
      category: venue?.category ? label(tr, "category", venue.category) : "—",
      status: label(tr, "venueStatus", venue?.status ?? "active"),
    }),
    tr("card-address", { address: t.address ?? "—" }),
    tr("card-scans", {
      last: scans?.lastScanDay ? dayVi(scans.lastScanDay) : tr("card-scans-never"),
      week: scans?.scans7d ?? 0,
      month: scans?.scans30d ?? 0,
    }),
  ];
}
