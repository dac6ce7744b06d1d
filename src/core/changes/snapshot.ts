// A knowledge snapshot: the canonical, JSON-serialisable form of a knowledge base that changes are computed from.
//
// Canonical means two knowledge bases that say the same thing give the same snapshot (and hash):
// - entities sorted by id, without the file they came from (moving an entity between files is no change);
// - text with whitespace collapsed (reflowed YAML, folded or literal blocks, trailing spaces);
// - every list sorted, and empty lists and absent fields dropped.
// No list order counts as a change. Where order means something in this domain it is carried by a field that
// is compared (a level number, a role level's rank); the order of responsibilities or overview bullets is
// presentation, and a notification saying "responsibilities reordered" would only be noise. The snapshot is
// for comparing, never for rendering, so losing bullet order here costs nothing.
import { createHash } from "node:crypto";
import { z } from "zod";
import type {
  Framework,
  GenericLevel,
  KnowledgeBase,
  RaciRow,
  Role,
  Skill,
  Source,
} from "../knowledge/model.ts";
import { compareStrings, normaliseText } from "./text.ts";

/** Bump when the snapshot's shape or canonical rules change; snapshots of another format cannot be diffed. */
export const SNAPSHOT_FORMAT_VERSION = 1;

type Stored<T> = Omit<T, "file">;
export type SnapshotSource = Stored<Source>;
export type SnapshotFramework = Stored<Framework>;
export type SnapshotLevel = Stored<GenericLevel>;
export type SnapshotSkill = Stored<Skill>;
export type SnapshotRole = Stored<Role>;
/** Empty lists are dropped, so a row without Consulted roles has no consulted field. */
export type SnapshotRaciRow = Omit<Stored<RaciRow>, "responsible" | "consulted" | "informed"> & {
  responsible?: string[];
  consulted?: string[];
  informed?: string[];
};

export interface KnowledgeSnapshot {
  formatVersion: typeof SNAPSHOT_FORMAT_VERSION;
  sources: SnapshotSource[];
  frameworks: SnapshotFramework[];
  levels: SnapshotLevel[];
  skills: SnapshotSkill[];
  roles: SnapshotRole[];
  raci: SnapshotRaciRow[];
}

export type SnapshotErrorCode = "SNAPSHOT_INVALID" | "SNAPSHOT_FORMAT_UNSUPPORTED";

export class SnapshotError extends Error {
  readonly code: SnapshotErrorCode;

  constructor(code: SnapshotErrorCode, message: string) {
    super(message);
    this.name = "SnapshotError";
    this.code = code;
  }
}

export function toSnapshot(kb: KnowledgeBase): KnowledgeSnapshot {
  // canonical() keeps each entity's shape (strings stay strings, lists stay lists), so the casts hold.
  return {
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    sources: entities(kb.sources) as SnapshotSource[],
    frameworks: entities(kb.frameworks) as SnapshotFramework[],
    levels: entities(kb.levels) as SnapshotLevel[],
    skills: entities(kb.skills) as SnapshotSkill[],
    roles: entities(kb.roles) as SnapshotRole[],
    raci: entities(kb.raci) as SnapshotRaciRow[],
  };
}

/** sha256 of the canonical JSON; the same for a snapshot and its JSON round trip, whatever the key order. */
export function snapshotHash(snapshot: KnowledgeSnapshot): string {
  return createHash("sha256").update(canonicalJson(snapshot)).digest("hex");
}

/** JSON with object keys sorted at every depth (databases such as PostgreSQL jsonb reorder keys). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort(compareStrings)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

// Only what the diff reads is checked; other fields pass through, so a field added to or dropped from the
// knowledge schema later still diffs (as that field added or removed) instead of failing on old snapshots.
const idName = { id: z.string().min(1), name: z.string() };
const storedSnapshotSchema = z.looseObject({
  formatVersion: z.number(),
  sources: z.array(z.looseObject({ id: z.string().min(1), title: z.string() })),
  frameworks: z.array(z.looseObject({ ...idName, version: z.string() })),
  levels: z.array(
    z.looseObject({
      ...idName,
      framework: z.string(),
      level: z.number().int(),
      description: z.string(),
    }),
  ),
  skills: z.array(
    z.looseObject({
      ...idName,
      framework: z.string(),
      code: z.string(),
      description: z.string(),
      levels: z.array(z.looseObject({ level: z.number().int(), description: z.string() })),
    }),
  ),
  roles: z.array(z.looseObject({ ...idName, roleLevels: z.array(z.looseObject(idName)).optional() })),
  raci: z.array(
    z.looseObject({
      ...idName,
      kind: z.string(),
      accountable: z.string(),
      responsible: z.array(z.string()).optional(),
      consulted: z.array(z.string()).optional(),
      informed: z.array(z.string()).optional(),
    }),
  ),
});

/**
 * Checks a snapshot read back from storage. Throws SNAPSHOT_FORMAT_UNSUPPORTED for another format version
 * (the caller should store the current snapshot as the new baseline) and SNAPSHOT_INVALID for anything else.
 */
export function parseSnapshot(value: unknown): KnowledgeSnapshot {
  const version =
    value !== null && typeof value === "object"
      ? (value as { formatVersion?: unknown }).formatVersion
      : undefined;
  if (typeof version === "number") assertSnapshotFormat(version);
  const result = storedSnapshotSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "the snapshot";
    throw new SnapshotError("SNAPSHOT_INVALID", `stored snapshot is not valid: ${where}: ${issue?.message}`);
  }
  // The fields the diff reads are checked above; the rest is data it only compares.
  return value as KnowledgeSnapshot;
}

export function assertSnapshotFormat(version: unknown): void {
  if (version === SNAPSHOT_FORMAT_VERSION) return;
  throw new SnapshotError(
    "SNAPSHOT_FORMAT_UNSUPPORTED",
    `stored snapshot has format ${String(version)}, this Rolecall reads format ${SNAPSHOT_FORMAT_VERSION}; ` +
      "store the current snapshot as the new baseline",
  );
}

function entities(map: ReadonlyMap<string, { file: string }>): unknown[] {
  return [...map.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([, { file: _origin, ...entity }]) => canonical(entity));
}

function canonical(value: unknown): unknown {
  if (typeof value === "string") return normaliseText(value);
  if (Array.isArray(value)) return sortItems(value.map(canonical));
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record).sort(compareStrings)) {
      const item = canonical(record[key]);
      if (item === undefined || (Array.isArray(item) && item.length === 0)) continue;
      out[key] = item;
    }
    return out;
  }
  return value;
}

/** Fields that name a list item, tried in this order, so stored lists read naturally (levels 1, 2, 3...). */
export const NAMING_FIELDS = ["id", "skill", "role", "level", "label", "version", "title", "name"] as const;

function sortItems(items: unknown[]): unknown[] {
  return items
    .map((item) => ({ item, key: orderKey(item) }))
    .sort((a, b) => compareStrings(a.key, b.key))
    .map(({ item }) => item);
}

function orderKey(item: unknown): string {
  if (typeof item === "string") return item;
  if (typeof item === "number") return padNumber(item);
  const record = (item ?? {}) as Record<string, unknown>;
  const naming = NAMING_FIELDS.map((field) => record[field]).find((v) => v !== undefined);
  const primary = typeof naming === "number" ? padNumber(naming) : typeof naming === "string" ? naming : "";
  // canonical() already sorted the keys, so JSON.stringify is canonical here and breaks ties deterministically.
  return `${primary}\u0000${JSON.stringify(item)}`;
}

function padNumber(n: number): string {
  return n.toFixed(6).padStart(24, "0");
}
