import { VIOLATION_TYPES, type ViolationType } from "../models/ticket.js";
import { badRequest } from "./errors.js";
import type { Value } from "./render.js";
import type { Translate } from "./texts.js";
import { label } from "../services/text/labels.js";

/** One service per violation type; its code is the type itself, stable across languages. */
export const isServiceCode = (code: string): code is ViolationType => (VIOLATION_TYPES as readonly string[]).includes(code);

const CHOICES = ["file", "drop"] as const;
const CODE = /^[A-Za-z0-9_-]{1,64}$/;

interface Attribute {
  code: "venue_code" | "ward_code" | "if_readable" | "if_official";
  datatype: "string" | "singlevaluelist";
  required: boolean;
}

/**
 * What the chat asks besides type, photo, place and note: the venue when known, the ward
 * when nothing else decides, and the one confirmation each type may need. The chat asks
 * that question back; an API client answers it up front.
 */
function attributesOf(type: ViolationType): Attribute[] {
  const common: Attribute[] = [
    { code: "venue_code", datatype: "string", required: false },
    { code: "ward_code", datatype: "string", required: false },
  ];
  if (type === "unscannable") return [...common, { code: "if_readable", datatype: "singlevaluelist", required: true }];
  if (type === "wrong_info") return [...common, { code: "if_official", datatype: "singlevaluelist", required: true }];
  return common;
}

export function serviceList(t: Translate): Value {
  return VIOLATION_TYPES.map((type) => ({
    service_code: type,
    service_name: label(t, "type", type),
    description: t(`open311-description-${type}`),
    metadata: true,
    type: "realtime",
    keywords: t(`open311-keywords-${type}`),
    group: t("open311-group"),
  }));
}

/** Codes of this deployment the definitions show as examples (a registered venue, its ward). */
export interface Examples {
  venue: string;
  ward: string;
}

export function serviceDefinition(type: ViolationType, t: Translate, examples: Examples): Value {
  return {
    service_code: type,
    attributes: attributesOf(type).map((a, i) => ({
      variable: true,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: a.datatype === "string" ? t("open311-datatype-code") : null,
      order: i + 1,
      description: t(`open311-attr-${a.code}`, { example: a.code === "ward_code" ? examples.ward : examples.venue }),
      values: a.datatype === "singlevaluelist" ? CHOICES.map((key) => ({ key, name: t(`open311-choice-${key}`) })) : [],
    })),
  };
}

export interface AttributeAnswers {
  venueCode?: string;
  wardCode?: string;
  fileIfReadable: boolean;
  fileIfOfficial: boolean;
}

/** Checks the attributes sent for a service against its definition; unknown attributes are refused. */
export function readAttributes(type: ViolationType, sent: Map<string, string>): AttributeAnswers {
  const defined = attributesOf(type);
  for (const code of sent.keys()) {
    if (!defined.some((a) => a.code === code)) throw badRequest("open311-error-attribute", { code, known: defined.map((a) => `attribute[${a.code}]`).join(", ") });
  }
  for (const a of defined) {
    const v = sent.get(a.code);
    if (v === undefined) {
      if (a.required) throw badRequest("open311-error-attribute-required", { code: a.code });
      continue;
    }
    if (a.datatype === "singlevaluelist" && !(CHOICES as readonly string[]).includes(v)) throw badRequest("open311-error-attribute-choice", { code: a.code, choices: CHOICES.join(", ") });
    if (a.datatype === "string" && !CODE.test(v)) throw badRequest("open311-error-attribute-code", { code: a.code });
  }
  return {
    venueCode: sent.get("venue_code"),
    wardCode: sent.get("ward_code"),
    fileIfReadable: sent.get("if_readable") === "file",
    fileIfOfficial: sent.get("if_official") === "file",
  };
}
