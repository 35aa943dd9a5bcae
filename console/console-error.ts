/** A refusal the console shows as a page in the viewer's language, with its status. */
export class ConsoleError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409,
    readonly key: string,
    readonly vars: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = "ConsoleError";
  }
}
