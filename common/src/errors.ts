/** What to show of a caught value: an Error's message, anything else as text (a thrown string, a rejected value). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** For logs, where the place matters: an Error's stack (its message when it has none), anything else as text. */
export function errorDetail(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
