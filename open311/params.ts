import { badRequest } from "./errors.js";

/** One value per name: what arrived as a form or a query string, strings only. */
export type Params = Map<string, string>;

/** `attribute[code]`: the spec's only bracketed name. */
const ATTRIBUTE = /^attribute\[([a-z_]{1,32})\]$/;

/**
 * The spec's lists: `a,b` and, as Python's requests and PHP clients write a list, `x=a&x=b`;
 * both read as one comma-separated value.
 */
const LISTS = new Set(["service_request_id", "service_code", "status"]);

/**
 * Flattens a parsed query or form into strings, refusing what a client never sends by
 * mistake: a single-valued name repeated, nested objects and operator-shaped names
 * (`service_code[$ne]`), so no value can reach a query as anything but a string.
 */
export function readParams(...sources: unknown[]): Params {
  const out: Params = new Map();
  const add = (name: string, value: unknown) => {
    if (LISTS.has(name) && typeof value === "string" && out.has(name)) return out.set(name, `${out.get(name)},${value}`);
    if (typeof value !== "string" || out.has(name)) throw badRequest("open311-error-param", { name: clip(name) });
    out.set(name, value);
  };
  for (const source of sources) {
    if (!source || typeof source !== "object") continue;
    for (const [name, value] of Object.entries(source as Record<string, unknown>)) {
      if (/[[\]$.]/.test(name) && !ATTRIBUTE.test(name)) throw badRequest("open311-error-param", { name: clip(name) });
      if (Array.isArray(value) && LISTS.has(name)) value.forEach((v) => add(name, v));
      else add(name, value);
    }
  }
  return out;
}

/** The value, trimmed; "" counts as absent, as the spec's "optional arguments" say. */
export function optional(params: Params, name: string): string | undefined {
  const v = params.get(name)?.trim();
  return v ? v : undefined;
}

export function attributes(params: Params): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of params) {
    const code = ATTRIBUTE.exec(name)?.[1];
    if (code && value.trim()) out.set(code, value.trim());
  }
  return out;
}

export function maxLength(params: Params, name: string, max: number): string | undefined {
  const v = optional(params, name);
  if (v && [...v].length > max) throw badRequest("open311-error-text-too-long", { field: name, max });
  return v;
}

/** A comma-separated list, each item trimmed, empties dropped. */
export function list(params: Params, name: string): string[] | undefined {
  const items = optional(params, name)?.split(",").map((s) => s.trim()).filter(Boolean);
  return items && items.length > 0 ? items : undefined;
}

/** ISO 8601 with a time zone (Z or ±hh:mm), as the spec requires of every time. */
export function time(params: Params, name: string): Date | undefined {
  const v = optional(params, name);
  if (!v) return undefined;
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(v);
  const d = new Date(v);
  if (!ok || Number.isNaN(d.getTime())) throw badRequest("open311-error-date", { field: name });
  return d;
}

export function wholeNumber(params: Params, name: string, fallback: number, max: number): number {
  const v = optional(params, name);
  if (v === undefined) return fallback;
  const n = /^\d{1,7}$/.test(v) ? Number(v) : NaN;
  if (!(n >= 1 && n <= max)) throw badRequest("open311-error-page", { field: name, max });
  return n;
}

const clip = (s: string) => (s.length > 64 ? `${s.slice(0, 64)}…` : s);
