// Loads a knowledge folder: every *.yaml/*.yml file below it, parsed, validated, merged and cross-checked.
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { KnowledgeFileCache, type ParsedFileCache } from "./cache.ts";
import {
  type Framework,
  type GenericLevel,
  type KnowledgeBase,
  levelId,
  RACI_LETTERS,
  type RaciRow,
  type Role,
  type RosterPerson,
  type Skill,
  type Source,
  skillId,
} from "./model.ts";
import { KNOWLEDGE_LIMITS, type Locate, type ParsedFile, parseKnowledgeText } from "./parse.ts";
import { KnowledgeError, type KnowledgeProblem, pathToField } from "./problems.ts";
import type { ReviewInput, RoleInput } from "./schema.ts";
import { invalidUtf8 } from "./text-checks.ts";

export interface KnowledgeText {
  file: string;
  text: string;
}

export interface LoadOptions {
  /** JSON file caching validated files by content hash, so unchanged YAML is not parsed again */
  cacheFile?: string;
}

export async function loadKnowledge(dir: string, options: LoadOptions = {}): Promise<KnowledgeBase> {
  const { kb, problems } = await readAndBuildKnowledge(dir, options);
  if (problems.length > 0) throw new KnowledgeError(problems);
  return kb;
}

/**
 * Reads and builds a knowledge folder, returning its problems rather than throwing them (a missing or
 * empty folder still throws KnowledgeError). The cache is saved only when the folder is valid.
 */
export async function readAndBuildKnowledge(
  dir: string,
  options: LoadOptions = {},
): Promise<{ texts: KnowledgeText[]; kb: KnowledgeBase; problems: KnowledgeProblem[]; contentHash: string }> {
  const { texts, problems } = await readKnowledgeDir(dir);
  const cache = options.cacheFile ? await KnowledgeFileCache.open(options.cacheFile) : undefined;
  const result = await buildKnowledgeInTurns(texts, { cache });
  const all = [...problems, ...result.problems];
  // The cache only speeds up the next load; a read-only disk must not stop this one.
  if (all.length === 0) await cache?.save().catch(() => undefined);
  return { texts, kb: result.kb, problems: all, contentHash: knowledgeContentHash(texts) };
}

/** sha256 over every file's name and text: equal when the folder holds exactly the same files. */
export function knowledgeContentHash(texts: readonly KnowledgeText[]): string {
  const hash = createHash("sha256");
  for (const { file, text } of texts) hash.update(`${file}\u0000${text}\u0000`);
  return hash.digest("hex");
}

export async function readKnowledgeDir(
  dir: string,
): Promise<{ texts: KnowledgeText[]; problems: KnowledgeProblem[] }> {
  const problems: KnowledgeProblem[] = [];
  const texts: KnowledgeText[] = [];
  const shown = displayPath(dir);
  let files: string[];
  let deadLinks: string[];
  try {
    ({ files, deadLinks } = await findYamlFiles(dir));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "folder not found" : String(error);
    throw new KnowledgeError([
      { file: shown, line: 1, column: 1, field: "", message: `cannot read knowledge: ${reason}` },
    ]);
  }
  if (files.length === 0) {
    const first = deadLinks[0];
    const message = first
      ? `no knowledge files (*.yaml) in this folder: ${deadLinks.length === 1 ? "the symbolic link" : `${deadLinks.length} symbolic links, such as`} ${displayPath(first)} ${deadLinks.length === 1 ? "leads" : "lead"} to no readable file`
      : "no knowledge files (*.yaml) in this folder";
    throw new KnowledgeError([{ file: shown, line: 1, column: 1, field: "", message }]);
  }
  for (const absolute of files) {
    const file = displayPath(absolute);
    const { size } = await stat(absolute);
    if (size > KNOWLEDGE_LIMITS.maxFileBytes) {
      problems.push({
        file,
        line: 1,
        column: 1,
        field: "",
        message: `file is ${formatBytes(size)}, over the ${formatBytes(KNOWLEDGE_LIMITS.maxFileBytes)} limit; split it into several files`,
      });
      continue;
    }
    const bytes = await readFile(absolute);
    const invalid = invalidUtf8(bytes);
    if (invalid) {
      problems.push({
        file,
        line: invalid.line,
        column: invalid.column,
        field: "",
        message: `not valid UTF-8 (byte 0x${invalid.byte.toString(16).padStart(2, "0")}); save the file as UTF-8`,
      });
      continue;
    }
    texts.push({ file, text: bytes.toString("utf8") });
  }
  return { texts, problems };
}

/**
 * Every knowledge file below dir, sorted: *.yaml and *.yml, skipping hidden files and folders. A symbolic
 * link counts when it leads to a regular file (a folder of links into a checkout, or a Kubernetes
 * ConfigMap); links to folders are not followed, so a link loop cannot make the walk endless.
 */
export async function listYamlFiles(dir: string): Promise<string[]> {
  return (await findYamlFiles(dir)).files;
}

async function findYamlFiles(dir: string): Promise<{ files: string[]; deadLinks: string[] }> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files: string[] = [];
  const deadLinks: string[] = [];
  for (const entry of entries) {
    if (!/\.ya?ml$/i.test(entry.name)) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    if (
      path
        .relative(dir, absolute)
        .split(path.sep)
        .some((part) => part.startsWith("."))
    )
      continue;
    if (entry.isFile()) {
      files.push(absolute);
    } else if (entry.isSymbolicLink()) {
      const target = await stat(absolute).catch(() => undefined);
      if (target?.isFile()) files.push(absolute);
      else deadLinks.push(absolute);
    }
  }
  return { files: files.sort(), deadLinks: deadLinks.sort() };
}

export function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : absolute;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Builds a knowledge base from file texts. Returns every problem found; kb is only usable when there are none. */
export function buildKnowledge(
  texts: readonly KnowledgeText[],
  options: { cache?: ParsedFileCache } = {},
): { kb: KnowledgeBase; problems: KnowledgeProblem[] } {
  return merged(texts.map((t) => parseKnowledgeText(t.file, t.text, options.cache)));
}

function merged(parsed: readonly ParsedFile[]): { kb: KnowledgeBase; problems: KnowledgeProblem[] } {
  const problems = parsed.flatMap((p) => p.problems);
  const merger = new Merger();
  for (const file of parsed) if (file.data) merger.add(file);
  merger.checkReferences();
  return { kb: merger.kb, problems: [...problems, ...merger.problems] };
}

/**
 * buildKnowledge, letting the event loop run between files: loading a large folder (an imported framework
 * is hundreds of files) must not keep a running bot from answering for the whole load. One file is still
 * parsed in one go.
 */
export async function buildKnowledgeInTurns(
  texts: readonly KnowledgeText[],
  options: { cache?: ParsedFileCache } = {},
): Promise<{ kb: KnowledgeBase; problems: KnowledgeProblem[] }> {
  const parsed: ParsedFile[] = [];
  for (const t of texts) {
    parsed.push(parseKnowledgeText(t.file, t.text, options.cache));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return merged(parsed);
}

interface Located {
  file: string;
  locate: Locate;
  path: PropertyKey[];
}

class Merger {
  readonly problems: KnowledgeProblem[] = [];
  private readonly sources = new Map<string, Source>();
  private readonly frameworks = new Map<string, Framework>();
  private readonly levels = new Map<string, GenericLevel>();
  private readonly skills = new Map<string, Skill>();
  private readonly roles = new Map<string, Role>();
  private readonly raci = new Map<string, RaciRow>();
  private readonly roster = new Map<string, RosterPerson[]>();
  /** each roster entry as written, so an unknown role is reported where the file names it */
  private readonly rosterEntries: Array<{ role: string; here: Located }> = [];
  private readonly fileReviews = new Map<string, ReviewInput>();
  private readonly where = new Map<object, Located>();
  private readonly seenKeys = new Map<string, Located>();
  /** accountable as the file wrote it (a list or one id), so problems point at the right item */
  private readonly accountableAsWritten = new Map<RaciRow, string | string[]>();

  get kb(): KnowledgeBase {
    return {
      sources: this.sources,
      frameworks: this.frameworks,
      levels: this.levels,
      skills: this.skills,
      roles: this.roles,
      raci: this.raci,
      roster: this.roster,
      fileReviews: this.fileReviews,
    };
  }

  add(parsed: ParsedFile): void {
    const { file, locate } = parsed;
    const data = parsed.data ?? {};
    const place = (section: string, index: number): Located => ({ file, locate, path: [section, index] });
    if (data.review) this.fileReviews.set(file, data.review);

    data.sources?.forEach((s, i) => {
      this.put(this.sources, "source", s.id, { ...s, file }, place("sources", i));
    });
    data.frameworks?.forEach((f, i) => {
      this.put(this.frameworks, "framework", f.id, { ...f, file }, place("frameworks", i));
    });
    data.levels?.forEach((l, i) => {
      const id = levelId(l.framework, l.level);
      this.put(this.levels, "level", id, { ...l, id, file }, place("levels", i));
    });
    data.skills?.forEach((s, i) => {
      const id = skillId(s.framework, s.code);
      this.put(this.skills, "skill", id, { ...s, id, file }, place("skills", i));
    });
    data.roles?.forEach((r, i) => {
      this.put(this.roles, "role", r.id, { ...r, file }, place("roles", i));
    });
    data.raci?.forEach((row, i) => {
      const normalised: RaciRow = {
        ...row,
        file,
        responsible: asList(row.responsible),
        accountable: asList(row.accountable)[0] ?? "",
        consulted: asList(row.consulted),
        informed: asList(row.informed),
      };
      const here = place("raci", i);
      this.accountableAsWritten.set(normalised, row.accountable);
      const accountable = asList(row.accountable);
      if (accountable.length !== 1) {
        this.problem(
          here,
          ["accountable"],
          `expected exactly one Accountable role, got ${accountable.length}`,
        );
      }
      this.put(this.raci, "RACI row", row.id, normalised, here);
    });
    data.roster?.forEach((entry, i) => {
      this.rosterEntries.push({ role: entry.role, here: place("roster", i) });
      const people = this.roster.get(entry.role) ?? [];
      for (const person of entry.people) {
        const same = people.some((p) => (person.user ? p.user === person.user : p.name === person.name));
        if (!same) people.push(person);
      }
      this.roster.set(entry.role, people);
    });
  }

  checkReferences(): void {
    for (const level of this.levels.values()) {
      this.requireFramework(level, level.framework);
      this.requireSources(level, level.sources);
    }
    for (const framework of this.frameworks.values()) this.requireSources(framework, framework.sources);
    for (const skill of this.skills.values()) {
      this.requireFramework(skill, skill.framework);
      this.requireSources(skill, skill.sources);
      this.checkDuplicateLevels(skill, skill.levels, ["levels"]);
      skill.revisions?.forEach((revision, i) => {
        this.requireSources(skill, revision.sources, ["revisions", i]);
        this.checkDuplicateLevels(skill, revision.levels, ["revisions", i, "levels"]);
      });
    }
    for (const role of this.roles.values()) {
      if (role.framework) this.requireFramework(role, role.framework);
      this.requireSources(role, role.sources);
      role.skills?.forEach((ref, i) => {
        if (!this.skills.has(ref.skill)) {
          this.problemAt(
            role,
            ["skills", i, "skill"],
            `unknown skill "${ref.skill}"; ${this.suggest(ref.skill, this.skills)}`,
          );
        }
      });
      role.roleLevels?.forEach((roleLevel, i) => {
        this.claimId("role", roleLevel.id, role, ["roleLevels", i, "id"]);
        roleLevel.skills?.forEach((ref, j) => {
          if (!this.skills.has(ref.skill)) {
            const hint = this.suggest(ref.skill, this.skills);
            this.problemAt(
              role,
              ["roleLevels", i, "skills", j, "skill"],
              `unknown skill "${ref.skill}"; ${hint}`,
            );
          }
        });
      });
      this.checkSeeAlso(role, role.seeAlso);
      role.relatedRoles?.forEach((rel, i) => {
        if (!this.roles.has(rel.role)) {
          this.problemAt(
            role,
            ["relatedRoles", i, "role"],
            `unknown role "${rel.role}"; ${this.suggest(rel.role, this.roles)}`,
          );
        }
      });
    }
    for (const { role, here } of this.rosterEntries) {
      if (this.roles.has(role)) continue;
      this.problem(here, ["role"], `unknown role "${role}"; ${this.suggest(role, this.roles)}`);
      this.roster.delete(role);
    }
    for (const row of this.raci.values()) {
      this.requireSources(row, row.sources);
      this.checkSeeAlso(row, row.seeAlso);
      if (row.kind === "practice" && !row.maturity) {
        this.problemAt(row, ["maturity"], "a practice needs a maturity: {level: 1-5, name}");
      }
      const assignments = { ...row, accountable: this.accountableAsWritten.get(row) ?? row.accountable };
      for (const letter of RACI_LETTERS) {
        const written = assignments[letter];
        for (const [i, roleRef] of asList(written).entries()) {
          if (this.roles.has(roleRef)) continue;
          const fieldPath = Array.isArray(written) ? [letter, i] : [letter];
          this.problemAt(row, fieldPath, `unknown role "${roleRef}"; ${this.suggest(roleRef, this.roles)}`);
        }
      }
    }
  }

  private roleLevelIds: Set<string> | undefined;

  private isRoleLevel(id: string): boolean {
    this.roleLevelIds ??= new Set(
      [...this.roles.values()].flatMap((r) => (r.roleLevels ?? []).map((l) => l.id)),
    );
    return this.roleLevelIds.has(id);
  }

  /** Every "see also" link names a skill, role or RACI row that exists. */
  private checkSeeAlso(entity: object, links: RoleInput["seeAlso"]): void {
    links?.forEach((link, i) => {
      if ("skill" in link && !this.skills.has(link.skill)) {
        this.problemAt(
          entity,
          ["seeAlso", i, "skill"],
          `unknown skill "${link.skill}"; ${this.suggest(link.skill, this.skills)}`,
        );
      } else if ("role" in link && !this.roles.has(link.role) && !this.isRoleLevel(link.role)) {
        this.problemAt(
          entity,
          ["seeAlso", i, "role"],
          `unknown role "${link.role}"; ${this.suggest(link.role, this.roles)}`,
        );
      } else if ("raci" in link && !this.raci.has(link.raci)) {
        this.problemAt(
          entity,
          ["seeAlso", i, "raci"],
          `unknown RACI row "${link.raci}"; ${this.suggest(link.raci, this.raci)}`,
        );
      }
    });
  }

  private checkDuplicateLevels(
    entity: object,
    levels: ReadonlyArray<{ level: number }>,
    base: PropertyKey[],
  ): void {
    const seen = new Set<number>();
    levels.forEach((l, i) => {
      if (seen.has(l.level))
        this.problemAt(entity, [...base, i, "level"], `level ${l.level} is defined twice`);
      seen.add(l.level);
    });
  }

  private requireFramework(entity: object, framework: string): void {
    if (!this.frameworks.has(framework)) {
      this.problemAt(
        entity,
        ["framework"],
        `unknown framework "${framework}"; ${this.suggest(framework, this.frameworks)}`,
      );
    }
  }

  private requireSources(
    entity: object,
    sources: readonly string[] | undefined,
    base: PropertyKey[] = [],
  ): void {
    sources?.forEach((id, i) => {
      if (!this.sources.has(id)) {
        this.problemAt(
          entity,
          [...base, "sources", i],
          `unknown source "${id}"; ${this.suggest(id, this.sources)}`,
        );
      }
    });
  }

  private suggest(id: string, known: ReadonlyMap<string, unknown>): string {
    const ids = [...known.keys()];
    if (ids.length === 0) return "none are defined";
    const close = ids.filter((k) => k.includes(id) || id.includes(k) || sharedPrefix(k, id) >= 4).slice(0, 3);
    const shown = (close.length > 0 ? close : ids.slice(0, 5)).map((k) => `"${k}"`).join(", ");
    return close.length > 0
      ? `did you mean ${shown}?`
      : `expected one of ${shown}${ids.length > 5 ? ", …" : ""}`;
  }

  private put<T extends object>(
    map: Map<string, T>,
    kind: string,
    id: string,
    value: T,
    here: Located,
  ): void {
    const key = `${kind}:${id.toLowerCase()}`;
    const previous = this.seenKeys.get(key);
    if (previous) {
      const first = previous.locate(previous.path);
      this.problem(
        here,
        ["id"],
        `duplicate ${kind} id "${id}"; already defined at ${previous.file}:${first.line}:${first.column}`,
      );
      return;
    }
    this.seenKeys.set(key, here);
    this.where.set(value, here);
    map.set(id, value);
  }

  /** Role level ids share the role namespace, so "who is a Senior IT service manager" has one answer. */
  private claimId(kind: string, id: string, owner: object, field: PropertyKey[]): void {
    const key = `${kind}:${id.toLowerCase()}`;
    const here = this.where.get(owner);
    if (!here) return;
    const previous = this.seenKeys.get(key);
    if (previous) {
      const first = previous.locate(previous.path);
      this.problem(
        here,
        field,
        `duplicate ${kind} id "${id}"; already defined at ${previous.file}:${first.line}:${first.column}`,
      );
      return;
    }
    this.seenKeys.set(key, { ...here, path: [...here.path, ...field] });
  }

  private problemAt(entity: object, field: PropertyKey[], message: string): void {
    const here = this.where.get(entity);
    if (here) this.problem(here, field, message);
  }

  private problem(here: Located, field: PropertyKey[], message: string): void {
    const fullPath = [...here.path, ...field];
    this.problems.push({ file: here.file, ...here.locate(fullPath), field: pathToField(fullPath), message });
  }
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
