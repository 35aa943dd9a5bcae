import { describe, expect, it } from "vitest";
import { visibleText } from "../../../services/text/visible-text.js";

describe("visibleText", () => {
  it("writes controls and bidi characters as escapes", () => {
    expect(visibleText("HUE-\u202E321-000")).toBe("HUE-\\u202E321-000");
    expect(visibleText("a\u0000b\u0007c\u001b[31md\u009be")).toBe("a\\u0000b\\u0007c\\u001B[31md\\u009Be");
    expect(visibleText("\u200e\u200f\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069")).toBe(
      "\\u200E\\u200F\\u202A\\u202B\\u202C\\u202D\\u2066\\u2067\\u2068\\u2069",
    );
    expect(visibleText("line\nbreak\u2028")).toBe("line\\u000Abreak\\u2028");
  });

  it("leaves Vietnamese, emoji and ordinary punctuation alone", () => {
    const text = "Quán cà phê Sông Hương · 12 Lê Lợi — https://x.vn/?a=1&b=2 👍🏽";
    expect(visibleText(text)).toBe(text);
  });
});
