import { normalisePayload } from "./normalise-payload.js";

/** Where a resident reaches the bot: printed as the official poster's second, smaller code. */
export interface ReportLinks {
  telegram: string;
  /** The Zalo Official Account's page, when the deployment has one. */
  zalo?: string;
}

export function reportLinks(config: { botUsername: string; zaloOaId?: string }): ReportLinks {
  const links: ReportLinks = { telegram: `https://t.me/${config.botUsername}` };
  if (config.zaloOaId) links.zalo = `https://zalo.me/${config.zaloOaId}`;
  return links;
}

/** The poster's link to the bot (ours, not any venue's code), compared in normalised form. */
export function isReportLink(text: string, links: ReportLinks): boolean {
  const normalised = normalisePayload(text).toLowerCase();
  return [links.telegram, links.zalo].some((link) => link !== undefined && normalisePayload(link).toLowerCase() === normalised);
}

/** The code a report is about: the first decoded one that is not the poster's link to the bot. */
export function venueCodeText(codes: readonly { text: string }[], links: ReportLinks): string | undefined {
  return codes.find((c) => !isReportLink(c.text, links))?.text;
}
