/** Waits `ms` milliseconds: the slow answers the behaviour switches ask for. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
