import type { Stores } from "../../models/index.js";
import { reportLinks, venueCodeText } from "../registry/report-link.js";
import type { CodeVerifier } from "../registry/verify-code.js";
import { mayFollowUp, notFixedKind, type FollowUpAction } from "./resident-follow-up.js";
import { storePhotos, type ReportPhoto } from "./submit-report.js";
import { transitionTicket, type TransitionRefusal } from "./transition.js";

export interface FollowUpDeps {
  stores: Stores;
  verifier: Pick<CodeVerifier, "verifyCode">;
  config: { botUsername: string; zaloOaId: string | undefined };
  clock: () => Date;
}

export type EvidenceFollowUp = "add" | "not_fixed";

export type FollowUpResult =
  | { ok: true; number: string; kind: "add_evidence" | "reopen" | "escalate_reopen"; verdict?: string }
  | { ok: false; number?: string; reason: TransitionRefusal };

/**
 * A reporter's photos and note on their ticket, after submitting: added to an open ticket, or
 * "not fixed" on a closed one (which reopens it, or after two reopenings goes to the supervisors).
 * The photos were decoded by the report's own photo step; their code is checked against the
 * registry at the ticket's place like any report's, and they are stored before the transition,
 * so a ticket never points at a missing photo. Plain data out, for conversations.
 */
export async function submitFollowUp(
  deps: FollowUpDeps,
  accountId: string,
  ticketId: string,
  mode: EvidenceFollowUp,
  photos: ReportPhoto[],
  note: string | undefined,
): Promise<FollowUpResult> {
  const [account, ticket] = await Promise.all([deps.stores.accounts.byId(accountId), deps.stores.tickets.byId(ticketId)]);
  if (!account || !ticket) return { ok: false, reason: "not_found" };
  const kind = mode === "add" ? "add_evidence" : notFixedKind(ticket);
  const now = deps.clock();
  // Checked before storing anything: a refused follow-up leaves no photo behind.
  const refusal = mayFollowUp(account, ticket, kind, now);
  if (refusal) return { ok: false, number: ticket.number, reason: refusal };
  const decodedText = venueCodeText(photos.flatMap((p) => p.decode?.codes ?? []), reportLinks(deps.config));
  const verification = decodedText ? await deps.verifier.verifyCode(decodedText, ticket.location ?? undefined) : undefined;
  const evidenceIds = await storePhotos(deps.stores, { accountId, channel: account.channel, photos, verification }, now);
  const action: FollowUpAction = kind === "add_evidence" ? { kind, note, evidenceIds } : { kind, note: note ?? "", evidenceIds };
  const r = await transitionTicket({ ...deps.stores, clock: deps.clock }, accountId, ticket.id, action);
  if (!r.ok) return { ok: false, number: ticket.number, reason: r.reason };
  return { ok: true, number: r.ticket.number, kind, verdict: verification?.verdict ?? (photos.length ? "no_code" : undefined) };
}
