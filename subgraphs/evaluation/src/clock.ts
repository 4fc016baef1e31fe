/** Today's calendar date (UTC), as the server decides it: submission dates are never the client's to set. */
export const today = (): string => new Date().toISOString().slice(0, 10);
