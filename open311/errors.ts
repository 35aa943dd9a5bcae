/**
 * A refusal the client can act on, in the spec's shape (errors/error{code, description}).
 * `key` and `vars` name a text in locales/*\/open311.ftl, rendered in the client's language.
 */
export class Open311Error extends Error {
  override readonly name = "Open311Error";
  constructor(
    readonly status: 400 | 403 | 404 | 413 | 415 | 429 | 503,
    readonly key: string,
    readonly vars: Record<string, string | number> = {},
  ) {
    super(`${status} ${key}`);
  }
}

export const badRequest = (key: string, vars?: Record<string, string | number>) => new Open311Error(400, key, vars);
