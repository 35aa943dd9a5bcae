import type { Types } from "mongoose";

/**
 * What query functions return: plain data with string ids, so it survives
 * JSON.parse(JSON.stringify(x)) inside conversations and crosses worker or
 * process boundaries unchanged.
 */
export type Plain<T> = Omit<T, "_id" | "__v"> & { id: string };

export function toPlain<T extends { _id: Types.ObjectId | string }>(doc: T): Plain<T> {
  const { _id, ...rest } = doc as T & { __v?: number };
  delete (rest as { __v?: number }).__v;
  return { ...(rest as Omit<T, "_id">), id: String(_id) } as Plain<T>;
}

/** User input must never become a query operator: compare it as a string. */
export function eq(value: unknown): { $eq: string } {
  return { $eq: String(value) };
}

/** User text inside a $regex matches literally. */
export function escapeRegex(text: unknown): string {
  return String(text).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
