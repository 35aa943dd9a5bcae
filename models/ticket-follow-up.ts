import { Schema } from "mongoose";
import { CHANNELS } from "./account.js";

// A ticket's parts that residents add after their report (issue 17), kept apart from the ticket's own schema.

/** Photos or a note a reporter added later: to an open ticket, or with a "not fixed" that reopened or escalated it. */
export const additionSchema = new Schema(
  {
    accountId: { type: String, required: true },
    channel: { type: String, required: true, enum: CHANNELS },
    kind: { type: String, required: true, enum: ["evidence", "reopen", "escalate_reopen"] },
    note: { type: String, required: false, maxlength: 1000 },
    evidenceIds: { type: [String], default: [] },
    at: { type: Date, required: true },
  },
  { _id: false },
);

/** A reporter's answer to one closing (`closedAt` names it); a changed answer replaces it. */
export const ratingSchema = new Schema(
  {
    accountId: { type: String, required: true },
    closedAt: { type: Date, required: true },
    /** The state the ticket closed in, so statistics count by outcome. */
    outcome: { type: String, required: true },
    satisfied: { type: Boolean, required: true },
    reason: { type: String, required: false, maxlength: 1000 },
    at: { type: Date, required: true },
  },
  { _id: false },
);
