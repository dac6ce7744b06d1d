// Small text helpers shared by the importers.

/** Normalises a cell for knowledge YAML: LF line ends, no trailing spaces on lines, no outer blank space. */
export function cleanText(cell: string): string {
  return cell
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .trim();
}

/** Lower-case letters, digits and hyphens: "Business analysis (IT operations)" -> business-analysis-it-operations. */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? singular : pluralForm}`;
}
