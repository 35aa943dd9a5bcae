/**
 * GeoReport v2 answers in XML and JSON. JSON is the Spark-convention mapping of the XML:
 * a list is a JSON array whose XML element wraps one child element per item, null is an
 * empty element. Both formats are rendered from one value, so they cannot disagree.
 */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };
export type Format = "xml" | "json";

/** The element name of one item of each list. */
const ITEM: Record<string, string> = {
  services: "service",
  service_requests: "request",
  service_request_updates: "request_update",
  attributes: "attribute",
  values: "value",
  endpoints: "endpoint",
  formats: "format",
  errors: "error",
  jurisdictions: "jurisdiction_id",
};

export const CONTENT_TYPE: Record<Format, string> = {
  xml: "text/xml; charset=utf-8",
  json: "application/json; charset=utf-8",
};

export function render(format: Format, root: string, value: Value): string {
  return format === "json" ? JSON.stringify(value) : `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}\n`;
}

function element(name: string, value: Value): string {
  if (value === null) return `<${name}></${name}>`;
  if (Array.isArray(value)) {
    const item = ITEM[name];
    if (!item) throw new Error(`no item element for list ${name}`);
    return `<${name}>${value.map((v) => element(item, v)).join("")}</${name}>`;
  }
  if (typeof value === "object") {
    return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v)).join("")}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/**
 * Text as text: markup is escaped, and characters XML 1.0 cannot carry (NUL, most C0
 * controls, lone surrogates) become U+FFFD instead of breaking the document.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}
