// `npm run eval`: asks every question of eval/questions.yaml on the shipped knowledge and on the combined
// corpus (shipped + SFIA 9 + DDaT imported from ../shared/realdata into a temporary folder), prints the
// accuracy per category and overall beside the floors in eval/floors.json, and lists every miss with what
// was expected and what came back.
//   npm run eval                 the tables and the misses
//   npm run eval -- --json       one JSON object instead
//   npm run eval -- --corpus shipped|combined   one corpus only
//   npm run eval -- --raise-floors  raises each floor in eval/floors.json to today's accuracy (never lowers one)
// Exits 1 when a category is below its floor, 2 when the question file is invalid or names an id that
// its corpus does not hold.
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { createRolecall } from "../src/core/engine.ts";
import { loadKnowledge } from "../src/core/knowledge/load.ts";
import { buildCombinedCorpus, CORPORA, type CorpusName, SHIPPED_KNOWLEDGE } from "./corpora.ts";
import { type CorpusReport, evaluateCorpus, type Outcome, unknownReferences } from "./evaluate.ts";
import { belowFloors, FLOORS_FILE, loadFloors, QUESTIONS_FILE, raiseFloors } from "./floors.ts";
import { CATEGORIES, EvalFileError, loadQuestions } from "./schema.ts";

const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    corpus: { type: "string" },
    "raise-floors": { type: "boolean", default: false },
  },
  strict: true,
});
const out = (line = "") => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const corpora = values.corpus ? [values.corpus] : [...CORPORA];
  for (const c of corpora) {
    if (!(CORPORA as readonly string[]).includes(c)) {
      process.stderr.write(`eval: there is no corpus "${c}"; choose ${CORPORA.join(" or ")}\n`);
      return 2;
    }
  }
  const questions = await loadQuestions(QUESTIONS_FILE);
  const floors = await loadFloors();
  const reports: CorpusReport[] = [];
  for (const corpus of corpora as CorpusName[]) {
    const built = corpus === "combined" ? await buildCombinedCorpus() : undefined;
    try {
      const kb = await loadKnowledge(built?.dir ?? SHIPPED_KNOWLEDGE);
      const unknown = questions
        .filter((q) => q.corpora.includes(corpus))
        .flatMap((q) =>
          unknownReferences(q, kb).map((id) => `"${q.q}" (${corpus}): ${id} is not in the corpus`),
        );
      if (unknown.length > 0) throw new EvalFileError(QUESTIONS_FILE, unknown);
      reports.push(evaluateCorpus(corpus, createRolecall(kb), questions));
    } finally {
      await built?.remove();
    }
  }
  if (values["raise-floors"]) {
    const raised = raiseFloors(reports, floors);
    await writeFile(FLOORS_FILE, `${JSON.stringify(raised, null, 2)}\n`);
    out(`Wrote ${relative(FLOORS_FILE)}.`);
    return 0;
  }
  const below = belowFloors(reports, floors);
  if (values.json) {
    out(JSON.stringify({ reports: reports.map(toJson), floors, belowFloors: below }, null, 2));
  } else {
    printTables(reports, floors);
    for (const report of reports) printMisses(report);
    out(
      below.length === 0
        ? `Every category is at or above its floor (${relative(FLOORS_FILE)}).`
        : `Below the floor: ${below.map((b) => `${b.category} on ${b.corpus} ${pct(b.accuracy)} < ${pct(b.floor)}`).join("; ")}.`,
    );
  }
  return below.length === 0 ? 0 : 1;
}

function printTables(reports: readonly CorpusReport[], floors: Awaited<ReturnType<typeof loadFloors>>): void {
  out(`Evaluation set ${relative(QUESTIONS_FILE)}: accuracy per category (passed/asked, floor)`);
  out();
  const header = ["category", ...reports.map((r) => r.corpus)];
  const rows = CATEGORIES.map((category) => [
    category,
    ...reports.map((r) => {
      const s = r.byCategory[category];
      const floor = floors[r.corpus][category];
      return s
        ? `${pct(s.accuracy)} (${s.passed}/${s.total}${floor !== undefined ? `, ≥ ${pct(floor)}` : ""})`
        : "–";
    }),
  ]);
  rows.push([
    "overall",
    ...reports.map((r) => `${pct(r.overall.accuracy)} (${r.overall.passed}/${r.overall.total})`),
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => (row[i] ?? "").length)));
  for (const row of [header, ...rows]) out(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  "));
  out();
}

function printMisses(report: CorpusReport): void {
  if (report.misses.length === 0) return;
  out(`Misses on ${report.corpus} (${report.misses.length}):`);
  for (const miss of report.misses) {
    out(`  [${miss.question.category}] “${miss.question.q}”`);
    for (const problem of miss.problems) out(`      ${problem}`);
    out(`      got: ${describeGot(miss)}`);
  }
  out();
}

function describeGot(miss: Outcome): string {
  const parts = [`intent ${miss.got.intent}`, `subjects ${miss.got.top.join("; ") || "none"}`];
  if (miss.got.suggestions.length > 0) parts.push(`suggests ${miss.got.suggestions.join("; ")}`);
  return parts.join(", ");
}

function toJson(report: CorpusReport) {
  return {
    ...report,
    misses: report.misses.map((m) => ({
      q: m.question.q,
      category: m.question.category,
      expected: m.question.expect,
      problems: m.problems,
      got: m.got,
    })),
  };
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function relative(file: string): string {
  return file.replace(`${process.cwd()}/`, "");
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`eval: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
