import { Schema, type Connection, type InferSchemaType } from "mongoose";
import { CHANNELS, ROLES } from "./account.js";
import { modelOn } from "./model-on.js";
import { additionSchema, ratingSchema } from "./ticket-follow-up.js";
import { eq, escapeRegex, toPlain, type Plain } from "./plain.js";
import { AWAITING_ACKNOWLEDGEMENT, FINDINGS, MEASURES, OPEN_STATES, OUTCOME_KINDS, TICKET_SOURCES, TICKET_STATES, type TicketOutcome, type TicketSource, type TicketState } from "./ticket-states.js";

/** What residents report. */
export const VIOLATION_TYPES = ["no_poster", "wrong_info", "unscannable"] as const;
export type ViolationType = (typeof VIOLATION_TYPES)[number];
/** A ticket's kind: a resident's violation, or the keeper's "signs of violation: code not scanned". */
export const TICKET_TYPES = [...VIOLATION_TYPES, "not_scanned"] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export type { TicketState } from "./ticket-states.js";

const pointSchema = new Schema({ lat: { type: Number, required: true }, lng: { type: Number, required: true } }, { _id: false });

const reportSchema = new Schema(
  {
    accountId: { type: String, required: true },
    channel: { type: String, required: true, enum: CHANNELS },
    violationType: { type: String, required: true, enum: VIOLATION_TYPES },
    /** The chat allows 1,000 characters; Open311's description allows 4,000. */
    note: { type: String, required: false, maxlength: 4000 },
    location: { type: pointSchema, required: false },
    address: { type: String, required: false },
    evidenceIds: { type: [String], default: [] },
    /** The code this report's photos showed (the merge rule compares it: a different code is a different poster). */
    decodedText: { type: String, required: false },
    /** Set when the photo's own GPS lies far from the shared location: officers should look twice. */
    flags: { type: [String], default: [] },
    at: { type: Date, required: true },
    /** Set when the reporter took the report back; the ticket closes when every report is withdrawn. */
    withdrawnAt: { type: Date, required: false },
  },
  { _id: false },
);

/** Stored form of TicketOutcome: `kind` says which of the other fields is set. */
const outcomeSchema = new Schema(
  {
    kind: { type: String, required: true, enum: OUTCOME_KINDS },
    finding: { type: String, required: false, enum: FINDINGS },
    wardCode: { type: String, required: false },
    measure: { type: String, required: false, enum: MEASURES },
  },
  { _id: false },
);

const historySchema = new Schema(
  {
    at: { type: Date, required: true },
    actorId: { type: String, required: false },
    actorRole: { type: String, required: false, enum: [...ROLES, "system"] },
    action: { type: String, required: true },
    from: { type: String, required: false },
    to: { type: String, required: false },
    note: { type: String, required: false },
  },
  { _id: false },
);

/** A photo an officer marked publishable, under an unguessable id of its own (services/publication). */
const publicPhotoSchema = new Schema(
  {
    evidenceId: { type: String, required: true },
    publicId: { type: String, required: true },
    at: { type: Date, required: true },
    actorId: { type: String, required: true },
  },
  { _id: false },
);

const ticketSchema = new Schema(
  {
    /** Short human number, e.g. HUE-2611-0042. */
    number: { type: String, required: true },
    violationType: { type: String, required: true, enum: TICKET_TYPES },
    /** Tickets stored before sources existed are residents' reports. */
    source: { type: String, required: true, enum: TICKET_SOURCES, default: "resident" },
    state: { type: String, required: true, enum: TICKET_STATES, default: "new" },
    wardCode: { type: String, required: true },
    provinceCode: { type: String, required: true },
    venueCode: { type: String, required: false },
    location: { type: pointSchema, required: false },
    address: { type: String, required: false },
    /** The registry's answer for the decoded code (official, forged, …) or no_code. */
    verdict: { type: String, required: true },
    decodedText: { type: String, required: false },
    reports: { type: [reportSchema], default: [] },
    history: { type: [historySchema], default: [] },
    /** When the ticket was opened, by the application's clock (never the database's). */
    openedAt: { type: Date, required: true },
    acknowledgeBy: { type: Date, required: false },
    closeBy: { type: Date, required: false },
    duplicateOf: { type: String, required: false },
    outcome: { type: outcomeSchema, required: false },
    additions: { type: [additionSchema], default: [] },
    ratings: { type: [ratingSchema], default: [] },
    /** Photos officers marked publishable; none by default. */
    publicPhotos: { type: [publicPhotoSchema], default: [] },
    /** Bumped by every change, so a client can tell a stale card. */
    version: { type: Number, required: true, default: 0 },
  },
  { timestamps: true },
);
ticketSchema.index({ number: 1 }, { unique: true });
ticketSchema.index({ wardCode: 1, state: 1, openedAt: 1 });
// The console's province-wide queue and map, newest first.
ticketSchema.index({ provinceCode: 1, openedAt: -1 });
ticketSchema.index({ venueCode: 1, state: 1 });
ticketSchema.index({ "reports.accountId": 1, openedAt: -1 });

export type TicketDoc = InferSchemaType<typeof ticketSchema>;
export type TicketReport = InferSchemaType<typeof reportSchema>;
export type TicketEvent = InferSchemaType<typeof historySchema>;
export type TicketAddition = InferSchemaType<typeof additionSchema>;
export type TicketRating = InferSchemaType<typeof ratingSchema>;
export type TicketPublicPhoto = InferSchemaType<typeof publicPhotoSchema>;
/** Tickets other systems see as service requests: residents' reports, and inspections a resident's report merged into. */
const FILED_BY_RESIDENTS = { $or: [{ source: { $ne: "inspection" } }, { "reports.0": { $exists: true } }] };

export type Ticket = Omit<Plain<TicketDoc>, "state" | "outcome" | "reports" | "history" | "violationType" | "source" | "additions" | "ratings" | "publicPhotos"> & {
  state: TicketState;
  violationType: TicketType;
  source: TicketSource;
  outcome?: TicketOutcome;
  reports: TicketReport[];
  history: TicketEvent[];
  additions: TicketAddition[];
  ratings: TicketRating[];
  publicPhotos?: TicketPublicPhoto[];
};

/** A query over tickets, made by services/tickets/ticket-query.ts only. */
export type TicketWhere = Record<string, unknown>;

/** Open tickets past a deadline at `now`: acknowledge for new and reopened ones, close for every open one. */
export function overdueWhere(now: Date): TicketWhere {
  return { $or: [{ state: { $in: [...AWAITING_ACKNOWLEDGEMENT] }, acknowledgeBy: { $lte: now } }, { state: { $in: [...OPEN_STATES] }, closeBy: { $lte: now } }] };
}

/** The fields the statistics read of a ticket (figuresBetween's rows). */
export type FiguresTicket = Pick<Ticket, "wardCode" | "state" | "violationType" | "source" | "openedAt" | "acknowledgeBy" | "closeBy" | "history" | "ratings">;
export const TICKET_SORT_FIELDS = ["openedAt", "number", "state", "wardCode", "violationType", "closeBy"] as const;
export type TicketSortField = (typeof TICKET_SORT_FIELDS)[number];

/** What a map marker needs of a ticket. */
export type MapTicket = Pick<Ticket, "id" | "number" | "state" | "violationType" | "wardCode" | "openedAt" | "acknowledgeBy" | "closeBy"> & {
  location: { lat: number; lng: number };
};

/** What a queue row and its CSV show of a ticket: no history, notes, additions or ratings travel for a list. */
export type QueueTicket = Pick<Ticket, "id" | "number" | "state" | "violationType" | "wardCode" | "openedAt" | "acknowledgeBy" | "closeBy" | "verdict" | "venueCode" | "address" | "location"> & {
  reports: Pick<TicketReport, "withdrawnAt">[];
};
const QUEUE_FIELDS = { number: 1, state: 1, violationType: 1, wardCode: 1, openedAt: 1, acknowledgeBy: 1, closeBy: 1, verdict: 1, venueCode: 1, address: 1, location: 1, "reports.withdrawnAt": 1 } as const;

export interface NewTicket {
  number: string;
  violationType: TicketType;
  /** Default resident; an inspection ticket has no report. */
  source?: TicketSource;
  wardCode: string;
  provinceCode: string;
  venueCode?: string;
  location?: { lat: number; lng: number };
  address?: string;
  verdict: string;
  decodedText?: string;
  report?: TicketReport;
  /** What reporters added to the ticket a successor continues. */
  additions?: TicketAddition[];
  event: TicketEvent;
  acknowledgeBy: Date;
  closeBy: Date;
}

export function ticketStore(conn: Connection) {
  const Ticket = modelOn(conn, "Ticket", ticketSchema);
  const one = (doc: TicketDoc & { _id: unknown } | null): Ticket | undefined =>
    doc ? (toPlain(doc as TicketDoc & { _id: string }) as Ticket) : undefined;
  const many = (docs: (TicketDoc & { _id: unknown })[]): Ticket[] => docs.map((d) => one(d)!);
  return {
    async create(t: NewTicket): Promise<Ticket> {
      const { report, event, ...fields } = t;
      const doc = await Ticket.create({ ...fields, openedAt: event.at, state: "new", reports: report ? [report] : [], history: [event] });
      return one(doc.toObject())!;
    },
    async byId(id: string): Promise<Ticket | undefined> {
      return one(await Ticket.findById(String(id)).lean());
    },
    async byNumber(number: string): Promise<Ticket | undefined> {
      return one(await Ticket.findOne({ number: eq(number.toUpperCase()) }).lean());
    },
    /**
     * Moves the ticket only if it is still in `from`: of two concurrent changes
     * exactly one matches, the other gets undefined and must tell its user. With `version`,
     * the ticket must also be unchanged since it was read (actions that keep the state).
     */
    async transition(
      id: string,
      from: TicketState,
      to: TicketState,
      event: TicketEvent,
      set: Partial<Omit<Ticket, "id">> = {},
      version?: number,
    ): Promise<Ticket | undefined> {
      const unchanged = version === undefined ? {} : { version: { $eq: Number(version) } };
      return one(
        await Ticket.findOneAndUpdate(
          { _id: String(id), state: eq(from), ...unchanged },
          { $set: { ...set, state: to }, $push: { history: event }, $inc: { version: 1 } },
          { new: true, lean: true },
        ),
      );
    },
    /** Adds a report to a ticket that is still open; undefined when it closed meanwhile. */
    async attachReport(id: string, report: TicketReport, event: TicketEvent): Promise<Ticket | undefined> {
      return one(
        await Ticket.findOneAndUpdate(
          { _id: String(id), state: { $in: [...OPEN_STATES] } },
          { $push: { reports: report, history: event }, $inc: { version: 1 } },
          { new: true, lean: true },
        ),
      );
    },
    /** A venue's tickets, newest first (its history in the console). */
    async ofVenue(venueCode: string, limit: number): Promise<Ticket[]> {
      return many(await Ticket.find({ venueCode: eq(venueCode) }).sort({ openedAt: -1, _id: -1 }).limit(limit).lean());
    },
    /** Open tickets of a ward opened since a date, of any type: the merge rule (services/tickets/merge-rule.ts) picks among them. */
    async openInWardSince(wardCode: string, since: Date): Promise<Ticket[]> {
      const docs = await Ticket.find({ wardCode: eq(wardCode), state: { $in: [...OPEN_STATES] }, openedAt: { $gte: since } })
        .sort({ openedAt: 1, _id: 1 })
        .lean();
      return many(docs);
    },
    async ofReporter(accountId: string, page: { skip: number; limit: number }): Promise<{ tickets: Ticket[]; total: number }> {
      const filter = { "reports.accountId": eq(accountId) };
      const [docs, total] = await Promise.all([
        Ticket.find(filter).sort({ openedAt: -1, _id: -1 }).skip(page.skip).limit(page.limit).lean(),
        Ticket.countDocuments(filter),
      ]);
      return { tickets: many(docs), total };
    },
    async openOfWard(wardCode: string, page: { skip: number; limit: number }): Promise<{ tickets: Ticket[]; total: number }> {
      const filter = { wardCode: eq(wardCode), state: { $in: [...OPEN_STATES] } };
      const [docs, total] = await Promise.all([
        Ticket.find(filter).sort({ openedAt: 1, _id: 1 }).skip(page.skip).limit(page.limit).lean(),
        Ticket.countDocuments(filter),
      ]);
      return { tickets: many(docs), total };
    },
    /** Open tickets with a deadline at or before `at` (acknowledge for new ones, close for all). */
    async openDueBefore(at: Date, scope: { wardCode?: string; provinceCode?: string } = {}): Promise<Ticket[]> {
      const where = {
        ...(scope.wardCode ? { wardCode: eq(scope.wardCode) } : {}),
        ...(scope.provinceCode ? { provinceCode: eq(scope.provinceCode) } : {}),
      };
      const docs = await Ticket.find({ ...where, ...overdueWhere(at) })
        .sort({ openedAt: 1, _id: 1 })
        .lean();
      return many(docs);
    },
    /** Tickets of a ward opened in [from, to), oldest first. */
    async ofWardBetween(wardCode: string, from: Date, to: Date): Promise<Ticket[]> {
      const docs = await Ticket.find({ wardCode: eq(wardCode), openedAt: { $gte: from, $lt: to } }).sort({ openedAt: 1, _id: 1 }).lean();
      return many(docs);
    },
    /** Newest tickets in a ward or province whose address contains `text` or whose venue is one of `venueCodes`. */
    async search(scope: { wardCode?: string; provinceCode?: string }, text: string, venueCodes: string[], limit: number): Promise<Ticket[]> {
      const where = scope.wardCode ? { wardCode: eq(scope.wardCode) } : { provinceCode: eq(scope.provinceCode) };
      const pattern = escapeRegex(text);
      const docs = await Ticket.find({ ...where, $or: [{ address: { $regex: pattern, $options: "i" } }, { venueCode: { $in: venueCodes.map(String) } }] })
        .sort({ openedAt: -1, _id: -1 })
        .limit(limit)
        .lean();
      return many(docs);
    },
    /**
     * A page of tickets for other systems (Open311), newest first: by numbers, types and
     * states, opened in [from, to), optionally in one province. Only service requests: an
     * inspection ticket is the province's own work until a resident's report merges into it.
     */
    async listing(
      f: { numbers?: string[]; violationTypes?: string[]; states?: string[]; from?: Date; to?: Date; provinceCode?: string },
      page: { skip: number; limit: number },
    ): Promise<Ticket[]> {
      const opened = { ...(f.from ? { $gte: f.from } : {}), ...(f.to ? { $lt: f.to } : {}) };
      const docs = await Ticket.find({
        ...(f.numbers ? { number: { $in: f.numbers.map((n) => String(n).toUpperCase()) } } : {}),
        ...(f.violationTypes ? { violationType: { $in: f.violationTypes.map(String) } } : {}),
        ...(f.states ? { state: { $in: f.states.map(String) } } : {}),
        ...(f.from || f.to ? { openedAt: opened } : {}),
        ...(f.provinceCode ? { provinceCode: eq(f.provinceCode) } : {}),
        ...FILED_BY_RESIDENTS,
      })
        .sort({ openedAt: -1, _id: -1 })
        .skip(page.skip)
        .limit(page.limit)
        .lean();
      return many(docs);
    },
    /**
     * Tickets a public page may show, of one province, opened in [from, to), newest first: the
     * residents' (as `listing`) and not withdrawn; services/publication's rule still has the last word.
     */
    async publicBetween(provinceCode: string, from: Date, to: Date, limit: number): Promise<Ticket[]> {
      const docs = await Ticket.find({ provinceCode: eq(provinceCode), openedAt: { $gte: from, $lt: to }, state: { $ne: "withdrawn" }, ...FILED_BY_RESIDENTS })
        .sort({ openedAt: -1, _id: -1 })
        .limit(limit)
        .lean();
      return many(docs);
    },
    /** Service requests (as `listing`) with a history event in [from, to), optionally in one province; the events are picked in the application. */
    async changedBetween(from: Date, to: Date, provinceCode: string | undefined, limit: number): Promise<Ticket[]> {
      const docs = await Ticket.find({
        // Any event at or after `from` and any before `to`: the application keeps those inside.
        "history.at": { $gte: from, $lt: to },
        ...(provinceCode ? { provinceCode: eq(provinceCode) } : {}),
        ...FILED_BY_RESIDENTS,
      })
        .sort({ openedAt: -1, _id: -1 })
        .limit(limit)
        .lean();
      return many(docs);
    },
    /**
     * Tickets matching a filter that services/tickets/ticket-query.ts built from validated values
     * (never from raw input), sorted by one field then id, a page at a time, with their count;
     * only the fields a queue row shows.
     */
    async matching(where: TicketWhere, sort: { field: TicketSortField; dir: 1 | -1 }, page: { skip: number; limit: number }): Promise<{ tickets: QueueTicket[]; total: number }> {
      const [docs, total] = await Promise.all([
        Ticket.find(where, QUEUE_FIELDS).sort({ [sort.field]: sort.dir, _id: sort.dir }).skip(page.skip).limit(page.limit).lean(),
        Ticket.countDocuments(where),
      ]);
      return { tickets: docs.map((d) => toPlain(d) as unknown as QueueTicket), total };
    },
    /** How many tickets there are, from the collection's metadata where the server keeps it. */
    countAll: () => Ticket.estimatedDocumentCount(),
    /** How many tickets are in each state (for /metrics). */
    async countByState(): Promise<Record<string, number>> {
      const rows = await Ticket.aggregate<{ _id: string; n: number }>([{ $group: { _id: "$state", n: { $sum: 1 } } }]);
      return Object.fromEntries(rows.map((r) => [r._id, r.n]));
    },
    /** Open tickets past a deadline at `at`: the same rule as openDueBefore, counted. */
    async countOverdue(at: Date): Promise<number> {
      return Ticket.countDocuments(overdueWhere(at));
    },
    /** Closed tickets opened at or before `at`, a page at a time by id (for the photo retention job). */
    async closedOpenedBefore(at: Date, limit: number, afterId?: string): Promise<Ticket[]> {
      const docs = await Ticket.find({
        state: { $nin: [...OPEN_STATES] },
        openedAt: { $lte: at },
        ...(afterId ? { _id: { $gt: String(afterId) } } : {}),
      })
        .sort({ _id: 1 })
        .limit(limit)
        .lean();
      return many(docs);
    },
    /**
     * Replaces the parts that hold residents' words and ids (services/privacy/resident-text.ts
     * decides what), if the ticket is unchanged since `version`: undefined when it changed
     * meanwhile, and the caller reads it again. The version moves, so no change prepared from
     * the older copy can bring the erased words back.
     */
    async rewriteResidentParts(id: string, version: number, set: Pick<Ticket, "reports" | "additions" | "ratings" | "history">): Promise<Ticket | undefined> {
      return one(
        await Ticket.findOneAndUpdate({ _id: String(id), version: { $eq: Number(version) } }, { $set: set, $inc: { version: 1 } }, { new: true, lean: true }),
      );
    },
    /** Inspection tickets opened in these wards since `since`, counted per ward (the weekly cap). */
    async inspectionsSince(wardCodes: string[], since: Date): Promise<Map<string, number>> {
      const docs = await Ticket.find({ source: "inspection", wardCode: { $in: wardCodes.map(String) }, openedAt: { $gte: since } }, { wardCode: 1 }).lean();
      const n = new Map<string, number>();
      for (const d of docs) n.set(d.wardCode, (n.get(d.wardCode) ?? 0) + 1);
      return n;
    },
    /** Venues of a province with an inspection ticket opened since `since`, whatever became of it. */
    async inspectedVenueCodes(provinceCode: string, since: Date): Promise<Set<string>> {
      const docs = await Ticket.find({ provinceCode: eq(provinceCode), source: "inspection", openedAt: { $gte: since } }, { venueCode: 1 }).lean();
      return new Set(docs.map((d) => d.venueCode!));
    },
    /**
     * Venues of a province with an open ticket of any source, or a closure awaiting the keeper's
     * confirmation: an inspection would be a second one.
     */
    async openVenueCodes(provinceCode: string): Promise<Set<string>> {
      const states = [...OPEN_STATES, "venue_closed"];
      const docs = await Ticket.find({ provinceCode: eq(provinceCode), state: { $in: states }, venueCode: { $exists: true } }, { venueCode: 1 }).lean();
      return new Set(docs.map((d) => d.venueCode!));
    },
    /**
     * Tickets of a province (or of some of its wards) opened in [from, to), only the fields the
     * statistics read: no reports, notes or evidence travel for a page of figures.
     */
    async figuresBetween(scope: { provinceCode: string; wardCodes?: string[] }, from: Date, to: Date): Promise<FiguresTicket[]> {
      const docs = await Ticket.find(
        { provinceCode: eq(scope.provinceCode), ...(scope.wardCodes ? { wardCode: { $in: scope.wardCodes.map(String) } } : {}), openedAt: { $gte: from, $lt: to } },
        { _id: 0, wardCode: 1, state: 1, violationType: 1, source: 1, openedAt: 1, acknowledgeBy: 1, closeBy: 1, "history.at": 1, "history.from": 1, "history.to": 1, ratings: 1 },
      ).lean();
      return docs as unknown as FiguresTicket[];
    },
    /**
     * Tickets with a place that match a console filter (built by services/tickets/ticket-query.ts
     * from validated values), newest first, at most `limit`, only what a map marker needs.
     */
    async mapPoints(where: TicketWhere, limit: number): Promise<MapTicket[]> {
      const docs = await Ticket.find(
        { ...where, location: { $exists: true } },
        { number: 1, state: 1, violationType: 1, wardCode: 1, location: 1, openedAt: 1, acknowledgeBy: 1, closeBy: 1 },
      )
        .sort({ openedAt: -1, _id: -1 })
        .limit(limit)
        .lean();
      return docs.map((d) => toPlain(d) as unknown as MapTicket);
    },
    /** Codes of the ward's venues with a confirmed violation, ever. */
    async confirmedVenueCodes(wardCode: string): Promise<string[]> {
      const docs = await Ticket.find({ wardCode: eq(wardCode), state: "violation_confirmed", venueCode: { $exists: true } }, { venueCode: 1 }).lean();
      return [...new Set(docs.map((d) => d.venueCode!))];
    },
    syncIndexes: () => Ticket.syncIndexes(),
  };
}
