import { visibleText } from "../text/visible-text.js";
import { asUrl } from "./normalise-payload.js";
import type { Verification } from "./verify-code.js";

/** A locale key and its arguments: plain data the chat, Zalo and the console translate. */
export interface CodeDescription {
  key: string;
  vars: Record<string, string | number>;
}

/** NAPAS's application id inside an EMVCo payment code: the code is a VietQR. */
const VIETQR = "A000000727";

/**
 * What a decoded code is, in words rather than its text: "the official check-in code of
 * Khách sạn Hương Giang", "a VietQR payment code", "a link to example.com". People read this;
 * the raw text stays a detail (the report's summary, the console's fold-out).
 */
export function describeCode(text: string, v: Verification): CodeDescription {
  const venue: Record<string, string> = { venue: v.venue?.name ?? "—" };
  switch (v.verdict) {
    case "official":
    case "official_elsewhere":
      return { key: "code-is-official", vars: venue };
    case "official_old":
      return { key: "code-is-old", vars: venue };
    case "official_inactive":
      return { key: v.reason === "closed" ? "code-is-closed-venue" : "code-is-suspended-venue", vars: venue };
    case "forged":
      return { key: "code-is-forged", vars: {} };
    case "unregistered":
      return v.reason === "unknown_checkin_url" ? { key: "code-is-unknown-checkin", vars: { site: hostOf(text) } } : { key: "code-is-unknown-venue", vars: {} };
    case "foreign":
      if (v.reason === "payment_code") return { key: text.includes(VIETQR) ? "code-is-vietqr" : "code-is-payment", vars: {} };
      if (v.reason === "report_link") return { key: "code-is-report-link", vars: {} };
      if (v.reason === "website") return { key: "code-is-link", vars: { site: hostOf(text) } };
      return { key: "code-is-text", vars: {} };
  }
}

function hostOf(text: string): string {
  const host = asUrl(text.trim())?.hostname ?? asUrl(`https://${text.trim()}`)?.hostname ?? "";
  return visibleText(host.replace(/^www\./, ""));
}
