/*
 * How a database error is classified, on either engine: one home for the codes of SQLite and PostgreSQL.
 */

/** Whether a database error is a unique-constraint violation, on either engine (a race the checks before could not see). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown } | null;
  return !!e && (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e.code === '23505');
}

/**
 * Whether a database error is the database refusing the values of the statement (a check, a constraint, a trigger, a
 * value it cannot store or index), rather than a fault of the connection, the disk or the code. The first is the
 * record's own problem: an importer reports that record and goes on with the next. Anything else stops the run.
 *
 * PostgreSQL by SQLSTATE class: 22 data exception (a NUL in text, a value out of range), 23 integrity constraint
 * violation, 54 program limit exceeded (a key too long for its index, a text too long for a tsvector). SQLite by its
 * result code: a constraint (a trigger's RAISE included), a value too big, a datatype mismatch.
 */
export function isRecordRefused(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  if (/^(22|23|54)[0-9A-Z]{3}$/.test(code)) return true;
  return code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_TOOBIG' || code === 'SQLITE_MISMATCH';
}
