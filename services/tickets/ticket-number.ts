import type { counterStore } from "../../models/counter.js";
import { searchKey } from "../text/search-key.js";

/** "Thành phố Huế" → "HUE", "Đà Nẵng" → "DAN": three letters people can read out on the phone. */
export function provincePrefix(provinceName: string): string {
  const words = searchKey(provinceName).replace(/^(thanh pho|tinh) /, "").replace(/ /g, "");
  return (words.slice(0, 3) || "VNM").toUpperCase().padEnd(3, "X");
}

/**
 * A short human ticket number: province prefix, year and month (YYMM), and a sequence per
 * prefix and month, e.g. HUE-2611-0042. The counter is keyed by prefix, so two provinces that
 * share a prefix share a sequence and numbers stay unique.
 */
export async function nextTicketNumber(counters: ReturnType<typeof counterStore>, provinceName: string, at: Date): Promise<string> {
  const prefix = provincePrefix(provinceName);
  const yymm = `${String(at.getUTCFullYear() % 100).padStart(2, "0")}${String(at.getUTCMonth() + 1).padStart(2, "0")}`;
  const seq = await counters.next(`ticket:${prefix}:${yymm}`);
  return `${prefix}-${yymm}-${String(seq).padStart(4, "0")}`;
}
