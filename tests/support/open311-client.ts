import { XMLParser, XMLValidator } from "fast-xml-parser";
import { expect } from "vitest";

/** The spec's lists and the element of one item (GeoReport v2 plus FixMyStreet's updates). */
const LISTS: Record<string, string> = {
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

const parser = new XMLParser({ parseTagValue: false, ignoreDeclaration: true, isArray: (name) => Object.values(LISTS).includes(name) });

/** XML read back into the JSON shape (Spark convention), every leaf as text. */
export function xmlAsJson(xml: string): unknown {
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const doc = parser.parse(xml) as Record<string, unknown>;
  const [root, value] = Object.entries(doc)[0]!;
  return unwrap(root, value);
}

function unwrap(name: string, value: unknown): unknown {
  const item = LISTS[name];
  if (item) {
    const items = value === "" ? [] : ((value as Record<string, unknown[]>)[item] ?? []);
    return items.map((v) => unwrap(item, v));
  }
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrap(k, v)]));
  return value;
}

/** JSON with every leaf as the text XML would carry (null as empty). */
export function asText(value: unknown): unknown {
  if (value === null) return "";
  if (Array.isArray(value)) return value.map(asText);
  if (typeof value === "object") return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, asText(v)]));
  return String(value);
}

export interface Answer<T = unknown> {
  status: number;
  type: string;
  body: T;
  text: string;
}

async function answer<T>(res: Response): Promise<Answer<T>> {
  const text = await res.text();
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, type, text, body: (type.startsWith("application/json") ? JSON.parse(text) : text) as T };
}

export async function get<T = unknown>(url: string, headers: Record<string, string> = {}): Promise<Answer<T>> {
  return answer<T>(await fetch(url, { headers }));
}

export async function postForm<T = unknown>(url: string, fields: Record<string, string>): Promise<Answer<T>> {
  return answer<T>(await fetch(url, { method: "POST", body: new URLSearchParams(fields) }));
}

export async function postMultipart<T = unknown>(url: string, fields: Record<string, string>, media?: Buffer): Promise<Answer<T>> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (media) form.append("media", new Blob([new Uint8Array(media)], { type: "image/jpeg" }), "photo.jpg");
  return answer<T>(await fetch(url, { method: "POST", body: form }));
}

/** The same resource in both formats: JSON parsed, XML valid and saying the same. */
export async function bothFormats<T = unknown>(base: string, path: string, query = ""): Promise<{ json: Answer<T>; xml: Answer<string> }> {
  const json = await get<T>(`${base}/${path}.json${query}`);
  const xml = await get<string>(`${base}/${path}.xml${query}`);
  expect(json.type).toBe("application/json; charset=utf-8");
  expect(xml.type).toBe("text/xml; charset=utf-8");
  expect(xml.status).toBe(json.status);
  expect(xmlAsJson(xml.text)).toEqual(asText(json.body));
  return { json, xml };
}
