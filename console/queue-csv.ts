import { csvText } from "../platform/csv.js";
import type { FastifyInstance } from "fastify";
import type { QueueTicket } from "../models/ticket.js";
import { label, type LabelKind } from "../services/text/labels.js";
import { vietnamDay } from "../services/text/vietnam-day.js";
import type { ConsoleContext, ConsolePage } from "./context.js";
import { ticketQueryOf } from "./ticket-filter.js";
import { currentDeadline, wardLabel } from "./ticket-labels.js";

/** More than a province files in years; a larger export belongs to the command line. */
const MAX_ROWS = 100_000;

export const CSV_COLUMNS = ["number", "opened_at", "ward_code", "ward", "violation_type", "verdict", "state", "reports", "acknowledge_by", "close_by", "overdue", "venue_code", "venue", "address", "lat", "lng"] as const;

/** ISO 8601 in Vietnam time, as the Open311 answers write it. */
const vnTime = (d: Date | null | undefined) => (d ? `${vietnamDay(d)}T${new Date(d.getTime() + 7 * 3600e3).toISOString().slice(11, 19)}+07:00` : "");

/**
 * GET /queue.csv: exactly the queue's filtered list (every page, the same order), for
 * spreadsheets: headers and values in the viewer's words ("Phường Phú Xuân", "đã tiếp nhận");
 * `?codes=1` gives the same rows as codes under the column names above, for programs.
 * Reporters never appear. The export is audited.
 */
export const queueCsv: ConsolePage = (app: FastifyInstance, c: ConsoleContext) => {
  app.get("/queue.csv", async (request, reply) => {
    const { viewer, query } = ticketQueryOf(c, request);
    const codes = (request.query as Record<string, unknown>).codes === "1";
    const { t } = viewer;
    const word = (kind: LabelKind, value: string) => (codes ? value : label(t, kind, value));
    const now = c.deps.clock();
    const { tickets } = await c.deps.stores.tickets.matching(query.where(now), query.sort, { skip: 0, limit: MAX_ROWS });
    const venues = await c.deps.stores.venues.namesOf(tickets.flatMap((tk) => (tk.venueCode ? [tk.venueCode] : [])));
    const row = (tk: QueueTicket) => {
      const due = currentDeadline(tk, now);
      return [
        tk.number, vnTime(tk.openedAt), tk.wardCode, wardLabel(c.deps.directory, tk.wardCode), word("type", tk.violationType), word("verdict", tk.verdict), word("state", tk.state),
        tk.reports.filter((r) => !r.withdrawnAt).length, vnTime(tk.acknowledgeBy), vnTime(tk.closeBy), codes ? (due.overdue ? "yes" : "no") : t(due.overdue ? "console-csv-yes" : "console-csv-no"),
        tk.venueCode ?? "", tk.venueCode ? (venues.get(tk.venueCode) ?? "") : "", tk.address ?? "", tk.location?.lat ?? "", tk.location?.lng ?? "",
      ];
    };
    await c.deps.stores.audit.append({ at: now, actorId: viewer.account.id, actorRole: viewer.account.role, action: "console_export_csv", subjectKind: "account", subjectId: viewer.account.id, note: `${tickets.length} tickets`, meta: { query: request.url.split("?")[1]?.slice(0, 500) ?? "" } });
    // A BOM so spreadsheet programs read the Vietnamese as UTF-8.
    const header = codes ? [...CSV_COLUMNS] : CSV_COLUMNS.map((col) => t(`console-csv-${col}`));
    const csv = "\uFEFF" + csvText([header, ...tickets.map(row)]);
    return reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", `attachment; filename="tickets-${vietnamDay(now)}.csv"`).send(csv);
  });
};
