import type { Stores } from "../models/index.js";
import type { Ticket } from "../models/ticket.js";
import { publicViews } from "../services/publication/public-tickets.js";
import { isPublished, type PublicTicket } from "../services/publication/publication-rule.js";
import type { WardRef } from "../services/routing/ward-ref.js";
import { computeProvinceStats, type ProvinceStats } from "../services/tickets/province-stats.js";

const DAY = 86_400_000;
/** The longest period the pages offer; shorter ones are cut from the same snapshot. */
export const PERIODS = { "30": 30, "90": 90, "365": 365 } as const;
export type Period = keyof typeof PERIODS;
/** A year of a province's public tickets is a few thousand; beyond this the newest are shown. */
const MAX_TICKETS = 20_000;

export interface Snapshot {
  /** Public views of a province's tickets opened in the last year, newest first. */
  views: PublicTicket[];
  figures: (period: Period) => ProvinceStats;
}

export interface PublishedDeps {
  stores: Pick<Stores, "tickets" | "venues">;
  wardsOf: (provinceCode: string) => WardRef[];
  clock: () => Date;
  /** How long one snapshot serves every request (default 30 s): 100 requests a second cost one query per province per period. */
  ttlMs?: number;
}

/**
 * What the public pages read, kept in memory for a short while: one database query per province
 * per TTL, whatever the traffic. The figures are computed by the statistics code over exactly the
 * public tickets, so the numbers agree with the list. `hits` and `loads` are the measure.
 */
export function createPublished(deps: PublishedDeps) {
  const ttl = deps.ttlMs ?? 30_000;
  const kept = new Map<string, { at: number; snapshot: Promise<Snapshot> }>();
  const counts = { hits: 0, loads: 0 };

  async function load(provinceCode: string, now: Date): Promise<Snapshot> {
    counts.loads++;
    const tickets = (await deps.stores.tickets.publicBetween(provinceCode, new Date(now.getTime() - PERIODS["365"] * DAY), new Date(now.getTime() + 1000), MAX_TICKETS)).filter(isPublished);
    const views = await publicViews(deps.stores.venues, tickets);
    const wards = deps.wardsOf(provinceCode);
    const figures = new Map<Period, ProvinceStats>();
    return {
      views,
      figures(period) {
        let f = figures.get(period);
        if (!f) {
          const from = now.getTime() - PERIODS[period] * DAY;
          const inPeriod = tickets.filter((t: Ticket) => new Date(t.openedAt).getTime() >= from);
          figures.set(period, (f = computeProvinceStats({ provinceCode, wards, tickets: inPeriod, now })));
        }
        return f;
      },
    };
  }

  return {
    counts,
    snapshot(provinceCode: string): Promise<Snapshot> {
      const now = deps.clock();
      const hit = kept.get(provinceCode);
      if (hit && now.getTime() - hit.at < ttl) {
        counts.hits++;
        return hit.snapshot;
      }
      const snapshot = load(provinceCode, now);
      kept.set(provinceCode, { at: now.getTime(), snapshot });
      // A failed load is not kept: the next request tries again.
      snapshot.catch(() => kept.delete(provinceCode));
      return snapshot;
    },
  };
}

export type Published = ReturnType<typeof createPublished>;
