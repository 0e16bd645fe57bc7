/**
 * A request the language service refuses, with the reason in the user's words (a rename to a
 * name that is taken...). The LSP glue turns it into a ResponseError whose message the editor
 * shows; the core stays free of any protocol type.
 */
export class RequestRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestRefusedError';
  }
}

export function isRequestRefused(e: unknown): e is RequestRefusedError {
  return e instanceof RequestRefusedError;
}
