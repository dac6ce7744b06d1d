// Keeps count of work still running in the background (listener work after the ack, admin DMs, publishes
// started by triggers), so a shutdown can let it finish.

export interface WorkTracker {
  track<T>(work: Promise<T>): Promise<T>;
  /** resolves true when no work is running, or false if timeoutMs (when given) passes first */
  idle(timeoutMs?: number): Promise<boolean>;
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
      const drained = (async () => {
        while (running.size > 0) await Promise.all([...running]);
        return true as const;
      })();
      if (timeoutMs === undefined) return drained;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
        timer.unref();
      });
      const result = await Promise.race([drained, timeout]);
      clearTimeout(timer);
      return result;
    },
    get running() {
      return running.size;
    },
  };
}
