import { describe, expect, it } from "vitest";
import { html } from "../../console/html.js";

describe("the html template", () => {
  it("escapes every interpolated text, in elements and attributes, and keeps nested templates", () => {
    const name = `<script>alert("x")</script> & 'y'`;
    const out = html`<p title="${name}">${name}</p>${html`<b>${"ok"}</b>`}`;
    expect(out.value).toBe(`<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p><b>ok</b>`);
  });

  it("joins lists and leaves out nothing-values", () => {
    expect(html`${["a", "<b>"]}${null}${undefined}${false}${0}`.value).toBe("a&lt;b&gt;0");
  });
});
