// Every importer Rolecall has. Each importer module describes itself (its name, what it reads, how it plans);
// adding one is that module and one line here, and the CLI's usage text and `rolecall import` follow.
import { ddatImporter } from "./ddat.ts";
import { ladderImporter } from "./ladder.ts";
import type { Importer } from "./plan.ts";
import { raciImporter } from "./raci.ts";
import { sfiaImporter } from "./sfia.ts";

export const IMPORTER_REGISTRY: readonly Importer[] = Object.freeze([
  sfiaImporter,
  ddatImporter,
  raciImporter,
  ladderImporter,
]);

/** The importers' command-line names, in registry order. */
export const IMPORTERS: readonly string[] = Object.freeze(IMPORTER_REGISTRY.map((i) => i.name));

export function importerNamed(name: string): Importer | undefined {
  return IMPORTER_REGISTRY.find((importer) => importer.name === name);
}
