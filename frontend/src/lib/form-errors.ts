/** The part of a zod error a form needs; structural, so the frontend needs no zod import of its own. */
export interface ValidationIssues {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}

/**
 * A client-side validation error as the form shows it: the first message for each field. Same
 * shape as the server's `ApiError.fieldErrors`, so a form renders both alike.
 */
export function fieldErrorsFromIssues(error: ValidationIssues): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[issue.path.map(String).join('.') || 'form'] ??= issue.message;
  return fieldErrors;
}

/**
 * The shared schemas phrase messages as fragments ("is required") to follow the field's label;
 * a full sentence (zod's defaults start with a capital) is shown as it is.
 */
export function fieldErrorText(label: string, message: string): string {
  return /^[A-Z]/.test(message) ? message : `${label} ${message}`;
}
