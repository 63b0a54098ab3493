import { Session } from 'node:inspector/promises';

/**
 * What this process allocates on the JavaScript heap between `start` and `stop`, from V8's sampling heap
 * profiler with the objects the garbage collector already took counted too. Bytes are V8's own scaled
 * estimate (within a few per cent of the heap's growth with the collector held off). Objects are
 * estimated from the samples; V8 folds objects allocated together in optimised code into one allocation,
 * so it counts allocations rather than every object and is a lower bound.
 */
export interface Allocated {
  bytes: number;
  objects: number;
  /** Bytes by the function that allocated them (`name url:line`). */
  byFunction: Map<string, number>;
}

const INTERVAL = 64;

export async function allocationSampler() {
  const session = new Session();
  session.connect();
  return {
    async start() {
      await session.post('HeapProfiler.startSampling', { samplingInterval: INTERVAL, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    },
    async stop(): Promise<Allocated> {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      let bytes = 0;
      const byFunction = new Map<string, number>();
      const walk = (node: typeof profile.head) => {
        bytes += node.selfSize;
        if (node.selfSize > 0) {
          const f = node.callFrame;
          const name = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|work\/main)\//, '')}:${f.lineNumber + 1}`;
          byFunction.set(name, (byFunction.get(name) ?? 0) + node.selfSize);
        }
        node.children.forEach(walk);
      };
      walk(profile.head);
      // Each sample stands for 1 / P(an allocation of its size is sampled) allocations.
      // (The protocol sends the samples; Node's typings of it predate them.)
      const samples = (profile as typeof profile & { samples?: Array<{ size: number }> }).samples ?? [];
      const objects = samples.reduce((n, s) => n + 1 / (1 - Math.exp(-s.size / INTERVAL)), 0);
      return { bytes, objects, byFunction };
    },
    close: () => session.disconnect(),
  };
}
