// The shipped RACI read straight from knowledge/raci*.yaml with the yaml package, not through the loader or
// the engine, so tests of the matrix answer and the export compare against what the files say.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

export const SHIPPED_KNOWLEDGE = path.resolve(import.meta.dirname, "../../knowledge");

type Refs = string | string[] | undefined;

export interface YamlRaciRow {
  id: string;
  kind: "process" | "practice" | "tool";
  name: string;
  aliases?: string[];
  /** role id -> the letters it holds for the row, e.g. "RA" */
  letters: Map<string, string>;
}

function yamlFiles(dir: string, pattern: RegExp) {
  return readdirSync(dir)
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => parse(readFileSync(path.join(dir, name), "utf8")) as Record<string, unknown>);
}

export function yamlRaciRows(dir = SHIPPED_KNOWLEDGE): YamlRaciRow[] {
  const list = (refs: Refs) => (refs === undefined ? [] : typeof refs === "string" ? [refs] : refs);
  return yamlFiles(dir, /^raci.*\.ya?ml$/).flatMap((file) =>
    ((file.raci ?? []) as Array<Record<string, unknown>>).map((row) => {
      const letters = new Map<string, string>();
      const fields = [
        ["R", row.responsible],
        ["A", row.accountable],
        ["C", row.consulted],
        ["I", row.informed],
      ] as const;
      for (const [letter, refs] of fields) {
        for (const id of list(refs as Refs)) letters.set(id, (letters.get(id) ?? "") + letter);
      }
      return {
        id: row.id as string,
        kind: row.kind as YamlRaciRow["kind"],
        name: row.name as string,
        ...(row.aliases ? { aliases: row.aliases as string[] } : {}),
        letters,
      };
    }),
  );
}

/** role id -> name, from every knowledge file's roles. */
export function yamlRoleNames(dir = SHIPPED_KNOWLEDGE): Map<string, string> {
  const names = new Map<string, string>();
  for (const file of yamlFiles(dir, /\.ya?ml$/)) {
    for (const role of (file.roles ?? []) as Array<{ id: string; name: string }>)
      names.set(role.id, role.name);
  }
  return names;
}

/** "R/A" -> "RA", so a cell compares with the letters read here whatever the separator. */
export function cellLetters(cell: string): string {
  return cell.replace(/[^RACI]/g, "");
}
