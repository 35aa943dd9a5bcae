import { label } from "../text/labels.js";
import type { PublicChange, PublicTicket } from "./publication-rule.js";

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/**
 * The public description, written from what the rule lets out (type, the code's verdict, the
 * registered venue) in the reader's language; never the resident's own words.
 */
export function publicDescription(p: Pick<PublicTicket, "type" | "verdict" | "venueName">, t: Translate): string {
  return t("public-description", { type: label(t, "type", p.type), verdict: label(t, "verdict", p.verdict), venue: p.venueName ?? "none" });
}

/** A public state change in words: the state, and for a transfer the ward, for a duplicate the original. */
export function changeText(c: PublicChange, t: Translate, wardName: (code: string) => string | undefined): string {
  const state = label(t, "state", c.to);
  if (!c.target) return t("public-change", { state });
  const target = "ward" in c.target ? (wardName(c.target.ward) ?? c.target.ward) : c.target.ticket;
  return t("public-change-to", { state, target });
}
