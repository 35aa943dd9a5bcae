import type { Stores } from "../../models/index.js";
import type { Ticket, TicketEvent } from "../../models/ticket.js";
import { queueForAccount, ticketKeys } from "../notify/ticket-changed.js";
import type { Verification } from "../registry/verify-code.js";
import type { WardDirectory } from "../routing/ward-directory.js";
import { placeName, wardRef, type WardRef } from "../routing/ward-ref.js";
import { openTicket } from "./open-ticket.js";
import type { TicketAction } from "../../models/ticket-states.js";

type Split = Extract<TicketAction, { kind: "split_report" }>;
export type SplitDeps = Pick<Stores, "tickets" | "counters" | "outbox" | "deadlineRules" | "wards" | "evidence" | "audit"> & {
  /** Locates the split report's place; without it (or outside every boundary) the ticket's own ward keeps it. */
  directory?: Pick<WardDirectory, "locate">;
};

/** Checks a split's own arguments against the ticket before the transition: a live report, not the last one, a ward of the province. */
export async function prepareSplit(deps: Pick<Stores, "wards">, ticket: Ticket, action: Split): Promise<{ set: Partial<Ticket> } | { reason: "invalid_target" }> {
  const report = ticket.reports[action.report];
  const live = ticket.reports.filter((r) => !r.withdrawnAt).length;
  if (!Number.isInteger(action.report) || !report || report.withdrawnAt || live < 2) return { reason: "invalid_target" };
  if (action.wardCode) {
    const ward = await deps.wards.byCode(action.wardCode);
    if (!ward || ward.provinceCode !== ticket.provinceCode) return { reason: "invalid_target" };
  }
  return { set: { reports: ticket.reports.filter((_, i) => i !== action.report) } };
}

/**
 * After the transition took the report out of `before`: the report becomes a ticket of its own
 * in the officer's ward, else the ward that contains its place, else the ticket's ward; with its
 * own verdict (from its evidence), due dates and card (openTicket), its reporter told, audited.
 */
export async function openSplit(deps: SplitDeps, before: Ticket, action: Split, event: TicketEvent): Promise<Ticket> {
  const report = before.reports[action.report]!;
  const ward = await splitWard(deps, before, report.location ?? undefined, action.wardCode);
  const evidence = report.evidenceIds[0] ? await deps.evidence.byId(report.evidenceIds[0]) : undefined;
  const verification = evidence?.verdict as Verification | undefined;
  const opened = { ...event, action: "split_in", to: "new" as const, note: before.number };
  const ticket = await openTicket(deps, {
    violationType: report.violationType,
    wardCode: ward.code,
    provinceCode: ward.provinceCode,
    venueCode: verification?.venue?.code,
    location: report.location ?? undefined,
    address: report.address ?? undefined,
    verdict: verification?.verdict ?? "no_code",
    decodedText: report.decodedText ?? undefined,
    report,
    event: opened,
  }, { provinceName: ward.provinceName });
  await deps.audit.append({ ...opened, actorRole: event.actorRole ?? "system", subjectKind: "ticket", subjectId: ticket.id, from: before.id, meta: { number: ticket.number } });
  const message = { kind: "report_split", number: before.number, newNumber: ticket.number, ward: placeName(ward) } as const;
  await queueForAccount(deps.outbox, { id: report.accountId, channel: report.channel }, message, ticketKeys.account(ticket, message.kind, report.accountId), event.at);
  return ticket;
}

async function splitWard(deps: SplitDeps, before: Ticket, place: { lat: number; lng: number } | undefined, chosen: string | undefined): Promise<WardRef> {
  const byCode = async (code: string) => {
    const w = await deps.wards.byCode(code);
    return w ? wardRef(w) : undefined;
  };
  const chosenWard = chosen ? await byCode(chosen) : undefined;
  if (chosenWard) return chosenWard;
  const located = place && deps.directory?.locate(place.lat, place.lng);
  if (located && located.provinceCode === before.provinceCode) return located;
  return (await byCode(before.wardCode))!;
}
