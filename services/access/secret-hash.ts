import { createHash } from "node:crypto";

/**
 * What is stored of a secret handed out once (invitation, API key, console link or session):
 * its SHA-256, so a reader of the database cannot use it.
 */
export const secretHash = (secret: string): string => createHash("sha256").update(secret).digest("hex");
