/**
 * How many cases property tests run, and from which seed: fixed, so any
 * failure replays (FUZZ_SEED), more with FUZZ_RUNS. CI runs 2 500 per
 * property, a local run 300.
 */
export const runs = Number(process.env.FUZZ_RUNS ?? (process.env.CI ? 2500 : 300));
export const seed = Number(process.env.FUZZ_SEED ?? 20261122);
