// A knowledge problem names the file, line, column and field, and says what was expected.

export interface KnowledgeProblem {
  file: string;
  line: number;
  column: number;
  /** dotted path of the field, e.g. roles[0].knowledge[3].depth; empty for whole-file problems */
  field: string;
  message: string;
}

export function formatProblem(problem: KnowledgeProblem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  return problem.field ? `${where} ${problem.field}: ${problem.message}` : `${where} ${problem.message}`;
}

export class KnowledgeError extends Error {
  readonly code = "KNOWLEDGE_INVALID";
  readonly problems: readonly KnowledgeProblem[];

  constructor(problems: readonly KnowledgeProblem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`The knowledge base has ${count}:\n${problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
    this.name = "KnowledgeError";
    this.problems = problems;
  }
}

export function pathToField(path: ReadonlyArray<PropertyKey>): string {
  let field = "";
  for (const key of path) {
    if (typeof key === "number") field += `[${key}]`;
    else field += field ? `.${String(key)}` : String(key);
  }
  return field;
}
