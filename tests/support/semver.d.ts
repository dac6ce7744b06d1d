// The little of semver (no @types package installed) that tests/package.test.ts uses.
declare module "semver" {
  interface SemVer {
    version: string;
    major: number;
    minor: number;
    patch: number;
  }
  const semver: {
    minVersion(range: string): SemVer | null;
    parse(version: string): SemVer | null;
    satisfies(version: string, range: string): boolean;
  };
  export default semver;
}
