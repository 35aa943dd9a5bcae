import { describe, expect, it } from "vitest";
import { repeating } from "../../platform/repeat.js";

const tick = () => new Promise((r) => setTimeout(r, 20));

describe("a repeated pass that can be woken", () => {
  it("runs at once when woken, one more time when woken during a pass, never two at once, and not after stop", async () => {
    let passes = 0;
    let concurrent = 0;
    let most = 0;
    let release: () => void = () => undefined;
    const r = repeating(60_000, async () => {
      passes++;
      most = Math.max(most, ++concurrent);
      await new Promise<void>((done) => (release = done));
      concurrent--;
    }, () => undefined);
    r.wake();
    await tick();
    expect(passes).toBe(1);
    // Work queued while a pass runs gets a pass of its own right after, however often it was woken.
    r.wake();
    r.wake();
    release();
    await tick();
    expect(passes).toBe(2);
    release();
    await tick();
    expect(passes).toBe(2);
    expect(most).toBe(1);
    r.stop();
    r.wake();
    await tick();
    expect(passes).toBe(2);
  });

  it("a failed pass goes to onError and the next wake runs again", async () => {
    const errors: unknown[] = [];
    let passes = 0;
    const r = repeating(60_000, async () => {
      passes++;
      throw new Error("database away");
    }, (e) => errors.push(e));
    r.wake();
    await tick();
    r.wake();
    await tick();
    r.stop();
    expect(passes).toBe(2);
    expect(errors).toHaveLength(2);
  });
});
