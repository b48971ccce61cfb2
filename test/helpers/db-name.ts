let n = 0;

/** A database name no other test uses (fake-indexeddb keeps databases for the whole file). */
export const freshDbName = (prefix: string): string => `${prefix}-${Date.now()}-${n++}`;
