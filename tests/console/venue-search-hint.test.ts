import { beforeAll, describe, expect, it } from "vitest";
import { zaloUserStore } from "../../models/zalo-user.js";
import { createStores } from "../../models/index.js";
import { PERSONAS, seedDemoWorld } from "../../simulator/demo/demo-world.js";
import { consoleServer, signIn, type ConsoleClient } from "../support/console-client.js";
import { useTestDatabase } from "../support/database.js";

/** The examples the search box offers, as a person reads them: "ví dụ: a, b" → ["a", "b"]. */
function examplesOf(page: string): string[] {
  const hint = /<input type="search" name="q"[^>]* placeholder="([^"]*)"/.exec(page)?.[1];
  if (!hint) throw new Error("the venue search box has no placeholder");
  return hint.replace(/^[^:]*:\s*|^e\.g\.\s*/i, "").split(",").map((s) => s.trim()).filter(Boolean);
}

const resultRows = (page: string) => (/<table id="venues">[\s\S]*?<\/table>/.exec(page)?.[0].match(/<tr><td><a href="\/console\/venues\//g) ?? []).length;

/**
 * A search box's own example must find something in the world a newcomer opens (the
 * simulator's Huế): "ks vỹ dạ" found nothing there, a dead end the page itself suggested.
 */
describe("the venue search's examples, in the simulator's world", () => {
  const conn = useTestDatabase();
  const now = () => new Date("2026-12-05T03:00:00Z");
  let supervisor: ConsoleClient;

  beforeAll(async () => {
    const stores = createStores(conn());
    await stores.syncIndexes();
    await seedDemoWorld(stores, zaloUserStore(conn()));
    const server = await consoleServer(stores, now);
    const persona = PERSONAS.find((p) => p.role === "supervisor")!;
    const account = await stores.accounts.ensure("telegram", persona.userId);
    supervisor = await signIn(server, stores, now, account, "/console/venues");
  });

  for (const locale of ["vi", "en"] as const) {
    it(`each example of the ${locale} search box finds a venue`, async () => {
      if (locale === "en") expect((await supervisor.post("/console/language", { to: "en" })).statusCode).toBe(303);
      const examples = examplesOf((await supervisor.get("/console/venues")).body);
      expect(examples.length).toBeGreaterThanOrEqual(2);
      for (const example of examples) {
        const found = await supervisor.get(`/console/venues?q=${encodeURIComponent(example)}`);
        expect(resultRows(found.body), `«${example}»`).toBeGreaterThanOrEqual(1);
      }
    });
  }
});
