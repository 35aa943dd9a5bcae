import { searchKey } from "../text/search-key.js";
import type { WardRef } from "./ward-ref.js";

/** Kind words and their abbreviations people type before a name: "P. Phú Xuân", "phuong phu xuan", "xa …". */
const KIND_WORDS: Record<string, string> = { p: "phuong", phuong: "phuong", x: "xa", xa: "xa", dk: "dac khu", "dac khu": "dac khu" };

export interface WardSearchOptions {
  provinceCode?: string;
  limit?: number;
  /**
   * Ranked before every other match, whatever their score: the resident's recent wards, then
   * the wards of the provinces this deployment serves. "thuan hoa" then offers Huế's Thuận Hoá
   * before Tuyên Quang's Thuận Hoà.
   */
  prefer?: { wardCodes?: readonly string[]; provinceCodes?: readonly string[] };
}

export interface WardSearch {
  search(text: string, options?: WardSearchOptions): WardRef[];
}

interface Entry {
  ward: WardRef;
  name: string;
  compact: string;
  kind: string;
}

function splitKind(key: string): { kind?: string; rest: string } {
  for (const word of ["dac khu", "phuong", "xa", "dk", "p", "x"]) {
    if (key.startsWith(word + " ")) return { kind: KIND_WORDS[word], rest: key.slice(word.length + 1) };
  }
  return { rest: key };
}

/** Every query word is the start of a name word, in order ("ph xu" → "phu xuan"). */
function wordPrefixes(query: string[], name: string[]): boolean {
  let j = 0;
  for (const q of query) {
    while (j < name.length && !name[j]!.startsWith(q)) j++;
    if (j++ >= name.length) return false;
  }
  return true;
}

function score(e: Entry, query: string, kind: string | undefined): number {
  const compact = query.replace(/ /g, "");
  let s = 0;
  if (e.name === query) s = 100;
  else if (e.compact === compact) s = 90;
  else if (e.name.startsWith(query)) s = 80;
  else if (wordPrefixes(query.split(" "), e.name.split(" "))) s = 60;
  else if (e.name.includes(query)) s = 50;
  else if (compact.length >= 3 && e.compact.includes(compact)) s = 40;
  if (s > 0 && kind && kind === e.kind) s += 5;
  return s;
}

/** Ranked name search over an in-memory ward list, forgiving diacritics, kind prefixes and spacing. */
export function createWardSearch(wards: readonly WardRef[]): WardSearch {
  const entries: Entry[] = wards.map((ward) => {
    const name = searchKey(ward.name);
    return { ward, name, compact: name.replace(/ /g, ""), kind: searchKey(ward.kind) };
  });
  return {
    search(text, { provinceCode, limit = 10, prefer } = {}) {
      const { kind, rest } = splitKind(searchKey(text));
      if (!rest) return [];
      const recent = new Set(prefer?.wardCodes ?? []);
      const served = new Set(prefer?.provinceCodes ?? []);
      const tier = (w: WardRef) => (recent.has(w.code) ? 2 : served.has(w.provinceCode) ? 1 : 0);
      return entries
        .filter((e) => !provinceCode || e.ward.provinceCode === provinceCode)
        .map((e) => ({ e, s: score(e, rest, kind), t: tier(e.ward) }))
        .filter((x) => x.s > 0)
        .sort((a, b) => b.t - a.t || b.s - a.s || a.e.name.length - b.e.name.length || a.e.ward.code.localeCompare(b.e.ward.code))
        .slice(0, Math.max(0, limit))
        .map((x) => x.e.ward);
    },
  };
}
