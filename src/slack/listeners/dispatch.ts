// One Bolt listener per kind of request, dispatching to Rolecall's handlers by name.
//
// Why not one Bolt listener per handler: Bolt runs every registered listener's middleware chain (copying
// the arguments at each step) for every request, matching or not. Twelve listeners cost every slash
// command about 0.1 ms on the benchmark machine, a third of what a whole ack-only Bolt request costs.

/** A pattern matching exactly these names, for Bolt's command, event and action matchers. */
export function exactly(names: Iterable<string>): RegExp {
  const alternatives = [...names].map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
  return new RegExp(`^(?:${alternatives.join("|")})$`);
}

/** A pattern matching any of these patterns (each anchored on its own). */
export function anyOf(patterns: readonly RegExp[]): RegExp {
  return new RegExp(patterns.map((pattern) => `(?:${pattern.source})`).join("|"));
}
