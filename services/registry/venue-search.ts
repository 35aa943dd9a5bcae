import type { venueStore } from "../../models/venue.js";
import { searchKey } from "../text/search-key.js";
import { venueRef, type VenueRef } from "./venue-ref.js";

/**
 * Words people shorten on signs and when typing, each mapped to one canonical spelling; both
 * the stored search text and the query go through it, so "ks vy da" finds "Khách sạn Vỹ Dạ"
 * and "cafe" finds "Cà phê".
 */
const CANONICAL: Record<string, string> = {
  ks: "khach san",
  hotel: "khach san",
  bv: "benh vien",
  cf: "ca phe",
  cafe: "ca phe",
  coffee: "ca phe",
  nh: "nha hang",
  tt: "trung tam",
  ch: "cua hang",
  st: "sieu thi",
  tp: "thanh pho",
  p: "phuong",
  q: "quan",
  d: "duong",
  so: "",
};

/** Canonical lower-case ASCII words: "KS. Vỹ Dạ, Đ. Nguyễn Sinh Cung" → "khach san vy da duong nguyen sinh cung". */
export function venueSearchKey(text: string): string {
  return searchKey(text)
    .split(" ")
    .map((word) => CANONICAL[word] ?? word)
    .filter(Boolean)
    .join(" ");
}

/** Registered venues (not closed) matching a typed name or address, diacritics and abbreviations forgiven. */
export async function searchVenues(venues: Pick<ReturnType<typeof venueStore>, "searchWords">, text: string, limit: number): Promise<VenueRef[]> {
  const words = venueSearchKey(text).split(" ").filter(Boolean);
  return (await venues.searchWords(words, limit)).map(venueRef);
}
