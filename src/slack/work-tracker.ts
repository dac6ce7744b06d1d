// Keeps count of listener work still running after the ack, so a shutdown can let it finish.

export interface WorkTracker {
  track<T>(work: Promise<T>): Promise<T>;
  /** resolves true when no work is running, or false if timeoutMs passes first */
  idle(timeoutMs: number): Promise<boolean>;
  readonly running: number;
}

export function createWorkTracker(): WorkTracker {
  const running = new Set<Promise<unknown>>();
  return {
    track(work) {
      const settled = work.then(
        () => undefined,
        () => undefined,
      );
      running.add(settled);
      void settled.then(() => running.delete(settled));
      return work;
    },
    async idle(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
        timer.unref();
      });
      const drained = (async () => {
        while (running.size > 0) await Promise.all([...running]);
        return true as const;
      })();
      const result = await Promise.race([drained, timeout]);
      clearTimeout(timer);
      return result;
    },
    get running() {
      return running.size;
    },
  };
}
