/** Counts as the technician's locale writes them: 1,000,007 routes. */
export const count = new Intl.NumberFormat();
