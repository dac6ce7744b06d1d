// Plain text for the terminal and for the `text` field of JSON output.
import { freshnessText } from "../core/answer/freshness.ts";
import { holderLabels } from "../core/answer/holders.ts";
import { describeSource } from "../core/answer/sources.ts";
import type { Answer, Passage, RaciSummary, RoleHolders, Section, Table } from "../core/answer/types.ts";

export interface TextStyle {
  /** wraps a marked word; a terminal uses bold, plain text leaves it as it is */
  mark: (word: string) => string;
  heading: (title: string) => string;
  /** whether marks show at all; where they don't, words a level adds are listed after the passage */
  showsMarks: boolean;
}

/** Plain text carries no markup: no *word* that a reader would see as asterisks. */
export const PLAIN: TextStyle = Object.freeze({
  mark: (word: string) => word,
  heading: (title: string) => title,
  showsMarks: false,
});

export const ANSI: TextStyle = Object.freeze({
  mark: (word: string) => `\u001b[1m${word}\u001b[22m`,
  heading: (title: string) => `\u001b[1m${title}\u001b[22m`,
  showsMarks: true,
});

export function markPassage(passage: Passage, mark: (word: string) => string): string {
  let out = "";
  let position = 0;
  for (const [start, end] of [...passage.marks].sort((a, b) => a[0] - b[0])) {
    if (start < position) continue;
    out += passage.text.slice(position, start) + mark(passage.text.slice(start, end));
    position = end;
  }
  return out + passage.text.slice(position);
}

function renderSection(section: Section, style: TextStyle): string[] {
  const added = section.marks === "added" && section.passages?.some((p) => p.marks.length > 0);
  const lines = [
    style.heading(added && style.showsMarks ? `${section.title} (new words in bold)` : section.title),
  ];
  if (section.text) lines.push(`  ${section.text}`);
  for (const item of section.items ?? []) lines.push(`  - ${item}`);
  for (const fact of section.facts ?? []) lines.push(`  ${fact.label}: ${fact.value}`);
  for (const passage of section.passages ?? []) {
    const where = [passage.subject?.name, passage.location].filter(Boolean).join(", ");
    lines.push(`  - ${markPassage(passage, style.mark)}`);
    if (added && !style.showsMarks && passage.marks.length > 0) {
      lines.push(`    New words: ${markedWords(passage).join(", ")}`);
    }
    const cite = passage.source ? describeSource(passage.source) : undefined;
    if (where || cite) lines.push(`    (${[where, cite].filter(Boolean).join(" · ")})`);
  }
  return lines;
}

export function renderText(answer: Answer, style: TextStyle = PLAIN): string {
  const blocks: string[][] = [[style.heading(answer.title)]];
  if (answer.notices.length) blocks.push(answer.notices.map((n) => `Note: ${n}`));
  if (answer.summary) blocks.push([answer.summary]);
  if (answer.table) {
    if (answer.matrix) blocks.push(matrixLines(answer.table, style), matrixKey(answer.table, style));
    else blocks.push(tableLines(answer.table, style));
  }
  if (answer.raci) blocks.push(raciLines(answer.raci, style, answer.holders ?? []));
  else if (answer.holders?.length) blocks.push(heldByLines(answer.holders));
  for (const section of answer.sections) blocks.push(renderSection(section, style));
  if (answer.facts.length) blocks.push(answer.facts.map((f) => `${f.label}: ${f.value}`));
  if (answer.sources.length) {
    blocks.push([
      `Source${answer.sources.length > 1 ? "s" : ""}:`,
      ...answer.sources.map((s) => `  ${describeSource(s)}${s.url ? ` <${s.url}>` : ""}`),
    ]);
  }
  const freshness = freshnessText(answer);
  if (freshness) blocks.push([freshness]);
  if (answer.followUps.length) {
    blocks.push([`Try next: ${answer.followUps.map((f) => `“${f.question}”`).join(" · ")}`]);
  }
  return blocks.map((lines) => lines.join("\n")).join("\n\n");
}

function markedWords(passage: Passage): string[] {
  return [...passage.marks].sort((a, b) => a[0] - b[0]).map(([start, end]) => passage.text.slice(start, end));
}

/** A role as a RACI line names it: "Change manager — Alice Smith, @change-managers" when its holders are known. */
export function roleWithHolders(role: string, holders: readonly RoleHolders[]): string {
  const held = holders.find((h) => h.role === role);
  return held ? `${role} — ${holderLabels(held).join(", ")}` : role;
}

function heldByLines(holders: readonly RoleHolders[]): string[] {
  const [only] = holders;
  if (holders.length === 1 && only) return [`Held by: ${holderLabels(only).join(", ")}`];
  return ["Held by", ...holders.map((h) => `  ${roleWithHolders(h.role, [h])}`)];
}

function raciLines(raci: RaciSummary, style: TextStyle, holders: readonly RoleHolders[]): string[] {
  // With people after each role, roles are set apart by semicolons: "A — Ann, Bob; B — Cy".
  const separator = holders.length > 0 ? "; " : ", ";
  const line = (label: string, names: readonly string[]) =>
    `  ${label}: ${names.length > 0 ? names.map((n) => roleWithHolders(n, holders)).join(separator) : "nobody"}`;
  return [
    style.heading("RACI"),
    line("Responsible", raci.responsible),
    line("Accountable", raci.accountable),
    line("Consulted", raci.consulted),
    line("Informed", raci.informed),
  ];
}

/** Columns padded to their widest cell, so a comparison reads down as well as across. */
export function tableLines(table: Table, style: TextStyle): string[] {
  const widths = table.columns.map((column, i) =>
    Math.max([...column].length, ...table.rows.map((row) => [...(row[i] ?? "")].length)),
  );
  const line = (cells: readonly string[]) =>
    `  ${cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd()}`;
  return [style.heading(line(table.columns)), ...table.rows.map(line)];
}

/**
 * A RACI matrix as an aligned table whose role columns are numbered, with the numbers' roles listed
 * below it: role names as headings would make each one-letter column as wide as a name.
 */
export function matrixLines(table: Table, style: TextStyle): string[] {
  const [first = "", ...roles] = table.columns;
  return tableLines({ columns: [first, ...roles.map((_, i) => String(i + 1))], rows: table.rows }, style);
}

function matrixKey(table: Table, style: TextStyle): string[] {
  const roles = table.columns.slice(1);
  const width = String(roles.length).length;
  return [style.heading("Roles"), ...roles.map((name, i) => `  ${String(i + 1).padStart(width)}  ${name}`)];
}
