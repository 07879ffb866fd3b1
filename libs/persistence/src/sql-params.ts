/**
 * Adds a value to a statement's parameters and gives its placeholder (`$n`). Lets a library write its
 * part of a statement another library runs (its rows as a CTE) without knowing the other parameters.
 */
export type SqlParam = (value: unknown) => string;

/** A SqlParam appending to `params`: `$1` for the first value, and so on. */
export const sqlParams = (params: unknown[]): SqlParam => (value) => `$${params.push(value)}`;
