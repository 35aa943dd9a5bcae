import { TICKET_SORT_FIELDS, TICKET_TYPES, type TicketSortField, type TicketWhere } from "../models/ticket.js";
import type { FastifyRequest } from "fastify";
import { ticketScope, type TicketScope } from "../services/access/authorize.js";
import { ConsoleError } from "./console-error.js";
import type { ConsoleContext, Viewer } from "./context.js";
import type { WardDirectory } from "../services/routing/ward-directory.js";
import type { WardRef } from "../services/routing/ward-ref.js";
import { TICKET_VERDICTS, ticketWhere, type TicketFilter } from "../services/tickets/ticket-query.js";
import { TICKET_STATES } from "../models/ticket-states.js";
import { addDays, isDay } from "../services/text/vietnam-day.js";

/** A value the filter could not use, said to the viewer (locale key and its variables). */
export interface FilterNotice {
  key: string;
  vars: Record<string, string>;
}

export interface ParsedTicketQuery {
  filter: TicketFilter;
  sort: { field: TicketSortField; dir: 1 | -1 };
  page: number;
  /** The filter as the page shows it again (form values, links to other pages and sorts, CSV). */
  values: { states: string[]; types: string[]; wards: string[]; verdicts: string[]; from: string; to: string; overdue: boolean };
  notices: FilterNotice[];
  /** The database query: the viewer's scope and the filter. */
  where(now: Date): TicketWhere;
}

export const PAGE_SIZE = 50;
const MAX_PAGE = 10_000;
const MAX_VALUES = 50;

type Query = Record<string, unknown>;

/** Every value of a repeated or comma-separated field, as short strings. */
function listOf(q: Query, name: string): string[] {
  const raw = q[name];
  const all = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).flatMap((v) => String(v).split(","));
  return [...new Set(all.map((v) => v.trim().slice(0, 64)).filter(Boolean))].slice(0, MAX_VALUES);
}

function one(q: Query, name: string): string {
  const raw = q[name];
  return String(Array.isArray(raw) ? (raw[0] ?? "") : (raw ?? "")).trim().slice(0, 64);
}

/**
 * The console's ticket filter from a query string (queue, map, CSV all read it here):
 * state, type, ward, verdict (repeated or comma-separated), from..to (YYYY-MM-DD, Vietnam days,
 * both inclusive, on openedAt), overdue=1, sort=<field> or -<field>, page. A value it cannot
 * use is left out and named in `notices`; nothing a client sends ends in an error.
 * `wards` are the wards the viewer may filter by (their scope).
 */
export function parseTicketQuery(q: Query, scope: TicketScope, wards: readonly WardRef[]): ParsedTicketQuery {
  const notices: FilterNotice[] = [];
  const pick = <T extends string>(name: string, allowed: readonly T[]): T[] => {
    const ok: T[] = [];
    for (const v of listOf(q, name)) {
      if ((allowed as readonly string[]).includes(v)) ok.push(v as T);
      else notices.push({ key: "console-filter-ignored", vars: { field: name, value: v } });
    }
    return ok;
  };
  const states = pick("state", TICKET_STATES);
  const types = pick("type", TICKET_TYPES);
  const verdicts = pick("verdict", TICKET_VERDICTS);
  const wardCodes = pick("ward", wards.map((w) => w.code));

  const day = (name: "from" | "to") => {
    const v = one(q, name);
    if (v && !isDay(v)) notices.push({ key: "console-filter-ignored", vars: { field: name, value: v } });
    return v && isDay(v) ? v : "";
  };
  let from = day("from");
  let to = day("to");
  if (from && to && from > to) {
    notices.push({ key: "console-filter-dates-swapped", vars: { from, to } });
    [from, to] = [to, from];
  }
  const overdue = ["1", "true", "on"].includes(one(q, "overdue"));

  const sortRaw = one(q, "sort") || "-openedAt";
  const field = sortRaw.replace(/^-/, "");
  const sortOk = (TICKET_SORT_FIELDS as readonly string[]).includes(field);
  if (!sortOk) notices.push({ key: "console-filter-ignored", vars: { field: "sort", value: sortRaw } });
  const sort = sortOk ? { field: field as TicketSortField, dir: (sortRaw.startsWith("-") ? -1 : 1) as 1 | -1 } : { field: "openedAt" as const, dir: -1 as const };

  const pageRaw = one(q, "page");
  const pageNo = /^\d{1,5}$/.test(pageRaw) ? Math.min(Math.max(Number(pageRaw), 1), MAX_PAGE) : 1;
  if (pageRaw && !/^\d{1,5}$/.test(pageRaw)) notices.push({ key: "console-filter-ignored", vars: { field: "page", value: pageRaw } });

  // Vietnam days: from 00:00 of `from` to 00:00 after `to`, UTC+7.
  const filter: TicketFilter = {
    ...(states.length ? { states } : {}),
    ...(types.length ? { types } : {}),
    ...(verdicts.length ? { verdicts } : {}),
    ...(wardCodes.length ? { wardCodes } : {}),
    ...(from ? { from: new Date(`${from}T00:00:00+07:00`) } : {}),
    ...(to ? { to: new Date(`${addDays(to, 1)}T00:00:00+07:00`) } : {}),
    ...(overdue ? { overdue } : {}),
  };
  return {
    filter,
    sort,
    page: pageNo,
    values: { states, types, wards: wardCodes, verdicts, from, to, overdue },
    notices,
    where: (now) => ticketWhere(scope, filter, now),
  };
}

/** The query string of a filter (without page), so links keep it; `sort` and `page` may be changed. */
export function filterQueryString(p: ParsedTicketQuery, change: { sort?: string; page?: number } = {}): string {
  const s = new URLSearchParams();
  for (const v of p.values.states) s.append("state", v);
  for (const v of p.values.types) s.append("type", v);
  for (const v of p.values.wards) s.append("ward", v);
  for (const v of p.values.verdicts) s.append("verdict", v);
  if (p.values.from) s.set("from", p.values.from);
  if (p.values.to) s.set("to", p.values.to);
  if (p.values.overdue) s.set("overdue", "1");
  const sort = change.sort ?? `${p.sort.dir === -1 ? "-" : ""}${p.sort.field}`;
  if (sort !== "-openedAt") s.set("sort", sort);
  if (change.page && change.page > 1) s.set("page", String(change.page));
  return s.toString();
}

/** The wards a scope may filter by: its own ward, its province's, or every ward of the provinces the deployment serves. */
export function wardsOfScope(scope: TicketScope, directory: Pick<WardDirectory, "byCode" | "inProvince" | "servedProvinces">): WardRef[] {
  if ("wardCode" in scope) return [directory.byCode(scope.wardCode)].filter((w): w is WardRef => !!w);
  if ("provinceCode" in scope) return directory.inProvince(scope.provinceCode);
  return directory.servedProvinces().flatMap((p) => directory.inProvince(p));
}

/**
 * The viewer's tickets as a request asks for them: their scope from the stored account
 * (authorize.ts ticketScope; a role without tickets gets 403), the wards they may filter by,
 * and the parsed filter. The queue, its CSV and the map all start here.
 */
export function ticketQueryOf(c: ConsoleContext, request: FastifyRequest): { viewer: Viewer; scope: TicketScope; wards: WardRef[]; query: ParsedTicketQuery } {
  const viewer = c.viewer(request);
  const scope = ticketScope(viewer.account);
  if (typeof scope === "string") throw new ConsoleError(403, "console-error-forbidden");
  const wards = wardsOfScope(scope, c.deps.directory);
  return { viewer, scope, wards, query: parseTicketQuery((request.query ?? {}) as Query, scope, wards) };
}
