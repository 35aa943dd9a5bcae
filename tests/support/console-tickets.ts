import type { Connection } from "mongoose";
import { VIOLATION_TYPES, type ViolationType } from "../../models/ticket.js";
import type { Ward } from "../../models/ward.js";
import { DEFAULT_DEADLINES, dueDates } from "../../services/tickets/deadlines.js";
import { provincePrefix } from "../../services/tickets/ticket-number.js";
import { boundaryParts, createWardLocator, type Boundary } from "../../services/routing/ward-locator.js";

const HOUR = 3600e3;
const DAY = 24 * HOUR;

/** A small seeded generator (mulberry32): the same fixture on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VERDICTS: Record<ViolationType, string[]> = {
  no_poster: ["no_code"],
  wrong_info: ["official_elsewhere", "forged", "unregistered", "official_inactive"],
  unscannable: ["no_code", "official"],
};

/**
 * A province's worth of tickets for the console benchmark, in the shapes the product writes
 * (opened by a resident, then acknowledged, inspected and closed by an officer, each step in the
 * history with its actor), spread like real reports: a few central wards get most of them,
 * points lie inside their ward, older tickets are mostly closed, a share of the open ones overdue.
 * Written with the Ticket model's insertMany so mongoose validates every document against the schema.
 */
export async function seedConsoleTickets(conn: Connection, wards: Ward[], count: number, now: Date): Promise<void> {
  const rnd = random(15);
  const located = wards.filter((w) => w.boundaryGeoJson).map((w) => ({ ...w, boundary: JSON.parse(w.boundaryGeoJson!) as Boundary }));
  const locator = createWardLocator(located);
  // Zipf-like weights: the first wards (city centre in code order) receive most reports.
  const weights = located.map((_, i) => 1 / (i + 1) ** 0.8);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const pickWard = () => {
    let r = rnd() * totalWeight;
    for (let i = 0; i < weights.length; i++) if ((r -= weights[i]!) <= 0) return located[i]!;
    return located[located.length - 1]!;
  };
  const pointIn = (w: (typeof located)[number]) => {
    const ring = boundaryParts(w.boundary)[0]![0]!;
    const xs = ring.map((p) => p[0]!);
    const ys = ring.map((p) => p[1]!);
    for (;;) {
      const lng = Math.min(...xs) + rnd() * (Math.max(...xs) - Math.min(...xs));
      const lat = Math.min(...ys) + rnd() * (Math.max(...ys) - Math.min(...ys));
      if (locator.locate(lat, lng)?.code === w.code) return { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 };
    }
  };
  const prefix = provincePrefix(wards[0]!.provinceName);
  const sequence = new Map<string, number>();
  const docs = [];
  for (let i = 0; i < count; i++) {
    const ward = pickWard();
    const openedAt = new Date(now.getTime() - Math.floor(rnd() ** 1.5 * 120 * DAY));
    const type = VIOLATION_TYPES[rnd() < 0.5 ? 0 : rnd() < 0.6 ? 1 : 2]!;
    const verdicts = VERDICTS[type];
    const yymm = `${String(openedAt.getUTCFullYear() % 100).padStart(2, "0")}${String(openedAt.getUTCMonth() + 1).padStart(2, "0")}`;
    const seq = (sequence.get(yymm) ?? 0) + 1;
    sequence.set(yymm, seq);
    const location = pointIn(ward);
    const resident = `bench-resident-${i % 3000}`;
    const officer = `bench-officer-${ward.code}`;
    const history: { at: Date; actorId: string; actorRole: string; action: string; from?: string; to: string; note?: string }[] = [
      { at: openedAt, actorId: resident, actorRole: "resident", action: "opened", to: "new", note: "telegram" },
    ];
    let state = "new";
    const step = (afterHours: number, action: string, to: string) => {
      const at = new Date(history[history.length - 1]!.at.getTime() + afterHours * HOUR);
      if (at > now) return false;
      history.push({ at, actorId: officer, actorRole: "officer", action, from: state, to });
      state = to;
      return true;
    };
    if (step(rnd() * 36, "acknowledge", "acknowledged") && rnd() < 0.8 && step(rnd() * 48, "start_inspection", "inspecting") && rnd() < 0.9) {
      const outcome = rnd() < 0.55 ? "violation_confirmed" : "no_violation";
      step(rnd() * 200, "close", outcome);
    }
    docs.push({
      number: `${prefix}-${yymm}-${String(seq).padStart(4, "0")}`,
      violationType: type,
      state,
      wardCode: ward.code,
      provinceCode: ward.provinceCode,
      location,
      address: `${1 + Math.floor(rnd() * 300)} đường số ${1 + Math.floor(rnd() * 40)}, ${ward.kind} ${ward.name}`,
      verdict: verdicts[Math.floor(rnd() * verdicts.length)]!,
      reports: [{ accountId: resident, channel: rnd() < 0.7 ? "telegram" : "zalo", violationType: type, location, evidenceIds: [], flags: [], at: openedAt }],
      history,
      openedAt,
      ...dueDates(DEFAULT_DEADLINES, ward.provinceCode, openedAt),
      ...(state === "violation_confirmed" || state === "no_violation" ? { outcome: { kind: "finding", finding: state } } : {}),
      version: history.length - 1,
    });
  }
  const Ticket = conn.model("Ticket");
  for (let i = 0; i < docs.length; i += 1000) await Ticket.insertMany(docs.slice(i, i + 1000));
}
