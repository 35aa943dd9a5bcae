import { describe, expect, it } from "vitest";
import { isoWeek } from "../../../services/text/vietnam-day.js";

describe("ISO weeks of Vietnam days", () => {
  it("numbers weeks from Monday, week 1 holding the year's first Thursday", () => {
    expect(isoWeek("2026-11-23")).toBe("2026-W48"); // a Monday
    expect(isoWeek("2026-11-29")).toBe("2026-W48"); // the Sunday after
    expect(isoWeek("2026-01-01")).toBe("2026-W01"); // a Thursday
    expect(isoWeek("2027-01-01")).toBe("2026-W53"); // a Friday: the last week of 2026
    expect(isoWeek("2024-12-30")).toBe("2025-W01"); // a Monday whose Thursday is in 2025
  });
});
