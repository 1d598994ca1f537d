// Puts the server's per-field messages next to the matching form fields.
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.ts';

/** 'body.responsiblePhone', '/responsiblePhone' and 'responsiblePhone' all name the same field. */
function fieldName(field: string): string {
  const parts = field.split(/[./]/).filter(Boolean);
  return parts[parts.length - 1] ?? field;
}

/**
 * Shows field-level details on `form`, clearing what an earlier answer said of the other known
 * fields (a message left under a field the server no longer names misleads). Returns the message
 * for an alert when the error could not be pinned to a field of this form (or null when every
 * detail found its field).
 */
export function showFormError<T>(form: FormInstance<T>, error: unknown, knownFields: readonly string[]): string | null {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const byField = new Map<string, string[]>();
  let unplaced = false;
  for (const d of error.details) {
    const name = d.field ? fieldName(d.field) : undefined;
    if (name && knownFields.includes(name)) byField.set(name, [...(byField.get(name) ?? []), d.message]);
    else unplaced = true;
  }
  // setFields is typed by the form's field paths; our names come from knownFields.
  form.setFields(knownFields.map((name) => ({ name: name as never, errors: byField.get(name) ?? [] })));
  return byField.size === 0 || unplaced ? error.message : null;
}
