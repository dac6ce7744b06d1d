// Types for tools/build.mjs, which stays plain JavaScript so it runs before anything is compiled.
export declare const STAMP_FILE: string;
export declare function sourceHash(root?: string): string | undefined;
export declare function staleReason(root?: string): string | undefined;
export declare function build(options?: {
  onlyIfStale?: boolean;
  root?: string;
  log?: (line: string) => void;
}): number;
