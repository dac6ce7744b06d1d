// The local profile: where the person at this terminal stands, in one small JSON file (ROLECALL_PROFILE_FILE,
// default DATA_DIR/profile.json), read and written by the console's `me` and `rolecall me`.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { makeDirsSync } from "../core/knowledge/make-dirs.ts";
import { savedProfileSchema as fileSchema, type Standing } from "../core/profile/standing.ts";

export class ProfileFileError extends Error {
  readonly code = "PROFILE_FILE_INVALID";
  constructor(message: string) {
    super(message);
    this.name = "ProfileFileError";
  }
}

export interface ProfileFile {
  readonly path: string;
  /** undefined when there is no file yet; a file that is not a profile is an error naming it */
  read(): Standing | undefined;
  write(standing: Standing, at?: Date): void;
  /** false when there was nothing to forget */
  clear(): boolean;
}

export function createProfileFile(file: string): ProfileFile {
  const where = path.resolve(file);
  return {
    path: where,
    read() {
      let text: string;
      try {
        text = readFileSync(where, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new ProfileFileError(`${where} is not JSON; delete it or set it again with \`me …\``);
      }
      const parsed = fileSchema.safeParse(json);
      if (!parsed.success) {
        throw new ProfileFileError(
          `${where} is not a Rolecall profile; delete it or set it again with \`me …\``,
        );
      }
      return parsed.data.standing;
    },
    write(standing, at = new Date()) {
      makeDirsSync(path.dirname(where), 0o700);
      const body = fileSchema.parse({ standing, updatedAt: at.toISOString() });
      writeFileSync(where, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
    },
    clear() {
      try {
        rmSync(where);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
        throw error;
      }
    },
  };
}
