// Framework versions given on the command line are checked here, so a typo cannot become an id.
import { ImportError } from "./errors.ts";

const VERSION = /^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$/;

export function checkVersion(version: string): string {
  const trimmed = version.trim();
  if (!VERSION.test(trimmed)) {
    throw new ImportError(
      "IMPORT_BAD_VERSION",
      `"${version}" is not a framework version: use letters, digits, dots and hyphens, e.g. 9 or 2024`,
    );
  }
  return trimmed;
}
