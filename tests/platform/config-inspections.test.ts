import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../platform/config.js";

function problems(env: Record<string, string>): { key: string; message: string }[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

describe("inspection list configuration", () => {
  it("caps 5 inspections per ward a week and schedules nothing by default", () => {
    expect(loadConfig({})).toMatchObject({ inspectionsPerWardWeek: 5, inspectionsSchedule: undefined });
  });

  it("reads the weekly schedule as a weekday and a Vietnam time", () => {
    expect(loadConfig({ INSPECTIONS_SCHEDULE: "mon 07:00", INSPECTIONS_PER_WARD_WEEK: "12" })).toMatchObject({
      inspectionsPerWardWeek: 12,
      inspectionsSchedule: { weekday: 0, minutes: 420 },
    });
    expect(loadConfig({ INSPECTIONS_SCHEDULE: "sun 23:59" }).inspectionsSchedule).toEqual({ weekday: 6, minutes: 23 * 60 + 59 });
  });

  it("refuses a malformed schedule or cap, naming the key", () => {
    expect(problems({ INSPECTIONS_SCHEDULE: "monday 7am" })).toEqual([{ key: "INSPECTIONS_SCHEDULE", message: "expected a weekday and a Vietnam time, e.g. mon 07:00" }]);
    expect(problems({ INSPECTIONS_PER_WARD_WEEK: "0" })).toEqual([{ key: "INSPECTIONS_PER_WARD_WEEK", message: "expected a whole number from 1 to 100" }]);
  });
});
