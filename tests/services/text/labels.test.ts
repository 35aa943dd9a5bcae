import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { eventParts, label, LABELLED, outcomeText, reporterNumbers, type LabelKind } from "../../../services/text/labels.js";
import { localeTexts } from "../../../services/text/locale-texts.js";
import { OUTCOME_KINDS } from "../../../models/ticket-states.js";

const ROOT = new URL("../../../", import.meta.url).pathname;
const LOCALES = ["vi", "en"] as const;

/** Message ids of a locale's files, read as Fluent writes them: `id = …` at the start of a line. */
function messageIds(locale: string): Set<string> {
  const dir = join(ROOT, "locales", locale);
  const ids = new Set<string>();
  for (const f of readdirSync(dir)) for (const m of readFileSync(join(dir, f), "utf8").matchAll(/^([a-z][a-z0-9_-]*) =/gm)) ids.add(m[1]!);
  return ids;
}

/** The product's source files (not tests, not dependencies). */
function sources(dir = ROOT, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (["node_modules", "tests", ".git", "test-artifacts", "bench"].includes(e.name)) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) sources(path, out);
    else if (/\.(ts|js|mjs)$/.test(e.name)) out.push(path);
  }
  return out;
}

/** Every literal key the code translates: `t("key"`, `ctx.t("key"`, `tr("key"`, `key: "key"` next to a translation. */
function keysInCode(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sources()) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/\b(?:t|tr|translate)\(\s*"([a-z][a-z0-9_-]*-[a-z0-9_-]+)"/g)) found.set(m[1]!, file.slice(ROOT.length));
  }
  return found;
}

describe("every coded value people read has words in both languages", () => {
  const ids = Object.fromEntries(LOCALES.map((l) => [l, messageIds(l)])) as Record<(typeof LOCALES)[number], Set<string>>;

  it("each kind's every value (state, type, verdict, event, role, measure, finding, channel, category, rating) has a label in vi and en", () => {
    const missing: string[] = [];
    for (const [kind, { prefix, values }] of Object.entries(LABELLED)) {
      for (const value of values) for (const l of LOCALES) if (!ids[l].has(`${prefix}${value}`)) missing.push(`${l}: ${prefix}${value} (${kind})`);
    }
    expect(missing).toEqual([]);
  });

  it("every key the code translates by name exists in both languages", () => {
    const missing = [...keysInCode()].flatMap(([key, file]) => LOCALES.filter((l) => !ids[l].has(key)).map((l) => `${l}: ${key} (${file})`));
    expect(missing).toEqual([]);
  });

  it("no surface composes a label's key itself: they all call label() (services/text/labels.ts)", () => {
    const prefixes = Object.values(LABELLED).map((k) => k.prefix).join("|");
    const composing = new RegExp(`\`(${prefixes})\\$\\{`);
    const offenders = sources().filter((f) => !f.endsWith("services/text/labels.ts") && composing.test(readFileSync(f, "utf8")));
    expect(offenders.map((f) => f.slice(ROOT.length))).toEqual([]);
  });

  it("no key is defined twice in a language: the later file would silently win over the other's words", () => {
    for (const l of LOCALES) {
      const dir = join(ROOT, "locales", l);
      const where = new Map<string, string[]>();
      for (const f of readdirSync(dir)) for (const m of readFileSync(join(dir, f), "utf8").matchAll(/^([a-z][a-z0-9_-]*) =/gm)) where.set(m[1]!, [...(where.get(m[1]!) ?? []), f]);
      expect([...where].filter(([, files]) => files.length > 1).map(([key, files]) => `${l}: ${key} in ${files.join(", ")}`)).toEqual([]);
    }
  });

  it("the two languages name the same keys", () => {
    expect([...ids.vi].filter((k) => !ids.en.has(k))).toEqual([]);
    expect([...ids.en].filter((k) => !ids.vi.has(k))).toEqual([]);
  });

  it("a label is words, never the value itself, and an unknown value reads as a dash, not as a code", () => {
    for (const l of LOCALES) {
      const t = localeTexts(l);
      for (const kind of Object.keys(LABELLED) as LabelKind[]) {
        for (const value of LABELLED[kind].values) {
          const words = label(t, kind, value);
          expect(words, `${l} ${kind} ${value}`).not.toBe(`${LABELLED[kind].prefix}${value}`);
          // Proper names may be the value capitalised (Telegram, Zalo); a code never reads as itself.
          if (value.includes("_")) expect(words).not.toContain(value);
        }
      }
      expect(label(t, "state", "archived_by_a_later_version")).toBe("—");
    }
  });

  it("history events, their notes and outcomes come out in words: no code reaches the text", () => {
    const t = localeTexts("vi");
    const ward = () => "Phường Phú Xuân";
    const raw = new RegExp(`\\b(${Object.values(LABELLED).flatMap((k) => k.values.filter((v) => v.length > 3 && !/^(telegram|zalo)$/.test(v))).join("|")})\\b`);
    const events = LABELLED.event.values.map((action) => ({ at: new Date(), actorRole: "officer" as const, action, from: "new", to: "acknowledged", note: { enforce: "warning", transfer: "19753", rate: "not_satisfied: vẫn chưa dán" }[action as string] }));
    for (const h of events) {
      const e = eventParts(t, h, ward);
      const line = [e.actor, e.action, e.change, e.note].join(" · ");
      expect(line, h.action).not.toMatch(raw);
    }
    expect(eventParts(t, events.find((e) => e.action === "rate")!, ward).note).toBe("chưa hài lòng: vẫn chưa dán");
    expect(eventParts(t, events.find((e) => e.action === "enforce")!, ward).note).toBe("cảnh cáo");
    expect(eventParts(t, events.find((e) => e.action === "transfer")!, ward).note).toBe("Phường Phú Xuân");
    const outcomes = OUTCOME_KINDS.map((kind) => ({ kind, finding: "poster_wrong", measure: "suspension", wardCode: "19753" }) as never);
    for (const o of outcomes) expect(outcomeText(t, o, { duplicateOf: "HUE-2611-0001" }, ward)).not.toMatch(raw);
  });

  it("reporters are numbered per person, in the order they first reported", () => {
    expect([...reporterNumbers([{ accountId: "a" }, { accountId: "b" }, { accountId: "a" }, { accountId: "c" }])]).toEqual([["a", 1], ["b", 2], ["c", 3]]);
  });
});
