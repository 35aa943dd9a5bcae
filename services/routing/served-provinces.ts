import type { WardDirectory } from "./ward-directory.js";

/** What the ward directory knows when it decides which provinces the deployment serves. */
export interface ServedFacts {
  /** SERVED_PROVINCES, in the operator's order (the first is every surface's default). */
  configured: readonly string[];
  /** Every province with at least one ward: the whole country once the national units file is imported. */
  known: readonly string[];
  /** Provinces with at least one registered venue. */
  withVenues: ReadonlySet<string>;
  /** Provinces with at least one ward boundary: where a report's position can be routed. */
  withBoundaries: ReadonlySet<string>;
}

/**
 * The provinces this deployment serves: the one answer for every surface that has to pick
 * provinces unasked (the public reports, Open311's jurisdictions, the console's default
 * province and ward lists, the chat's ward search). The configured ones the directory knows;
 * else those where the deployment has venues or ward boundaries, which is what it imports for
 * its own province; else, knowing nothing more, every province it has. Never empty while any
 * ward is loaded, and never "the first province of the country" by accident.
 */
export function servedProvinceCodes(facts: ServedFacts): string[] {
  const known = new Set(facts.known);
  const configured = [...new Set(facts.configured)].filter((code) => known.has(code));
  if (configured.length > 0) return configured;
  const sorted = [...known].sort();
  const derived = sorted.filter((code) => facts.withVenues.has(code) || facts.withBoundaries.has(code));
  return derived.length > 0 ? derived : sorted;
}

/** A page's province and the ones it offers to switch to. */
export interface ProvinceChoice {
  /** Undefined only while the directory holds no ward at all. */
  provinceCode?: string;
  provinces: string[];
}

/**
 * The province a page covers when the viewer is not bound to one (the public, administrators,
 * a keeper of every province): the served one asked for (`?province=`), else the first served
 * one; the others are offered. A province the deployment does not serve is no page's subject.
 */
export function provinceChoice(directory: Pick<WardDirectory, "servedProvinces">, asked: unknown): ProvinceChoice {
  const provinces = directory.servedProvinces();
  const provinceCode = typeof asked === "string" && provinces.includes(asked) ? asked : provinces[0];
  return { provinceCode, provinces };
}
