// The native engine as a reference that cannot hang a test: it runs in a worker thread, and a
// question it does not answer within the time allowed (a random pattern can make it backtrack for
// minutes on eight characters) is dropped with the worker, and a fresh worker takes over.
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const done = new Int32Array(workerData.done);
const answers = new Int32Array(workerData.answers);
parentPort.on('message', ({ id, pattern, values }) => {
  const whole = new RegExp('^(?:' + pattern + ')$', 'u');
  values.forEach((value, index) => { answers[index] = whole.test(value) ? 1 : 0; });
  Atomics.store(done, 0, id);
  Atomics.notify(done, 0);
});
`;

const MAX_VALUES = 64;

interface Session {
  readonly worker: Worker;
  readonly done: Int32Array;
  readonly answers: Int32Array;
}

function start(): Session {
  // Fresh shared memory per worker: a dropped worker can never answer into its successor's.
  const done = new SharedArrayBuffer(4);
  const answers = new SharedArrayBuffer(4 * MAX_VALUES);
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { done, answers } });
  worker.unref();
  return { worker, done: new Int32Array(done), answers: new Int32Array(answers) };
}

/** Asks the native engine, synchronously, whether each value matches `^(?:pattern)$` with `u`. */
export interface NativeReference {
  /** The answers, or undefined when the engine took longer than `timeoutMs` (the question is dropped). */
  readonly test: (pattern: string, values: readonly string[], timeoutMs: number) => boolean[] | undefined;
  /** Stops the worker. */
  readonly close: () => Promise<void>;
}

/** Starts a native reference; the pattern must compile with the `u` flag. */
export function createNativeReference(): NativeReference {
  let session = start();
  let asked = 0;
  return {
    test(pattern, values, timeoutMs) {
      if (values.length > MAX_VALUES) throw new RangeError(`at most ${MAX_VALUES} values per question`);
      // Questions are numbered: a wake-up left over from the previous answer is not this answer.
      const id = ++asked;
      session.worker.postMessage({ id, pattern, values });
      const deadline = performance.now() + timeoutMs;
      for (let seen = Atomics.load(session.done, 0); seen !== id; seen = Atomics.load(session.done, 0)) {
        const left = deadline - performance.now();
        if (left <= 0 || Atomics.wait(session.done, 0, seen, left) === 'timed-out') {
          void session.worker.terminate();
          session = start();
          return undefined;
        }
      }
      return values.map((_, index) => session.answers[index] === 1);
    },
    close: async () => {
      await session.worker.terminate();
    },
  };
}
