import { beforeAll, describe, expect, it } from "vitest";
import { deadlineCommands } from "../../../cli/commands/deadlines.js";
import { CliUserError } from "../../../cli/command.js";
import { testCliContext } from "../../support/cli-context.js";
import { useTestDatabase } from "../../support/database.js";
import { ticketWorld } from "../../support/ticket-world.js";

const [show, set] = deadlineCommands;
const HOUR = 3600e3;

describe("npm run cli -- deadlines show / set", () => {
  const db = useTestDatabase();
  let w: Awaited<ReturnType<typeof ticketWorld>>;
  beforeAll(async () => {
    w = await ticketWorld(db());
  });

  it("shows the defaults, then a province's override, which tickets opened there afterwards follow", async () => {
    const shown = testCliContext(db());
    await show!.run([], shown);
    expect(shown.printed()).toBe("default\tacknowledge 24 h\tclose 7 days\tremind 4 h before\n");

    const changed = testCliContext(db());
    await set!.run(["--province", "P2", "--acknowledge-hours", "12", "--close-days", "3"], changed);
    expect(changed.printed()).toMatch(/^P2: acknowledge 12 h, close 3 days, remind 4 h before/);
    const after = testCliContext(db());
    await show!.run([], after);
    expect(after.printed()).toBe("default\tacknowledge 24 h\tclose 7 days\tremind 4 h before\nP2\tacknowledge 12 h\tclose 3 days\tremind 4 h before\n");

    const there = await w.ticket("new", { wardCode: "W3", provinceCode: "P2" });
    expect(there.acknowledgeBy!.getTime() - there.openedAt.getTime()).toBe(12 * HOUR);
    expect(there.closeBy!.getTime() - there.openedAt.getTime()).toBe(3 * 24 * HOUR);
    expect((await w.ticket("new")).acknowledgeBy!.getTime() - w.clock.now().getTime()).toBe(24 * HOUR);
  });

  it("refuses nonsense and changes nothing", async () => {
    await expect(set!.run(["--acknowledge-hours", "0"], testCliContext(db()))).rejects.toBeInstanceOf(CliUserError);
    await expect(set!.run(["--close-days", "soon"], testCliContext(db()))).rejects.toThrow(/whole number/);
    await expect(set!.run([], testCliContext(db()))).rejects.toThrow(/at least one/);
    await expect(set!.run(["--province", "P9", "--close-days", "2"], testCliContext(db()))).rejects.toThrow(/no ward in province P9/);
    const shown = testCliContext(db());
    await show!.run(["--province", "P1"], shown);
    expect(shown.printed()).toBe("P1\tacknowledge 24 h\tclose 7 days\tremind 4 h before\n");
  });
});
