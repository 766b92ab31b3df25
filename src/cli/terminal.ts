// What the command line sees of its process: two output streams, the environment, the working
// folder, Ctrl-C and a monotonic clock. `nodeTerminal` is the real one; tests drive the real one
// through a subprocess, so this seam exists to keep the commands free of `process`.
import pc from 'picocolors';

/** An output stream: text written in order, waiting for the pipe when it is full. */
export interface CliOutput {
  write(text: string): Promise<void>;
  /** A terminal (progress bars and colours), not a pipe or a file. */
  readonly isTTY: boolean;
  /** Its width in characters (80 when unknown). */
  readonly columns: number;
  /** The reader went away (a pipe into `head` closed): writes are dropped from then on. */
  readonly closed: boolean;
}

/** The process as the commands use it. */
export interface Terminal {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Calls `handler` on each Ctrl-C (SIGINT) until the returned function is called. */
  onInterrupt(handler: () => void): () => void;
  /** Milliseconds from an arbitrary start, never going back. */
  now(): number;
  /** Ends the process at once with an exit code (a second Ctrl-C). */
  exit(code: number): never;
}

/** Colours for one stream, or none. */
export type Colours = ReturnType<typeof pc.createColors>;

/**
 * Colours for a stream: on a terminal unless `NO_COLOR` is set (https://no-color.org), and
 * anywhere when `FORCE_COLOR` is set to anything but `0`.
 */
export function coloursFor(output: CliOutput, env: Terminal['env']): Colours {
  const force = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  const none = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return pc.createColors(force || (!none && output.isTTY && env.TERM !== 'dumb'));
}

/** The terminal of this Node process. */
export function nodeTerminal(): Terminal {
  const wrap = (stream: NodeJS.WriteStream): CliOutput => {
    let closed = false;
    // A reader that went away is not an error of the command: `crm-kit export | head` is fine.
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') closed = true;
      else throw error;
    });
    return {
      write: (text) =>
        new Promise((resolve, reject) => {
          if (closed) {
            resolve();
            return;
          }
          // The callback runs once the text is handed to the system, which is the back-pressure a
          // large export through a pipe needs.
          stream.write(text, (error) => {
            if (error === null || error === undefined || (error as NodeJS.ErrnoException).code === 'EPIPE') resolve();
            else reject(error);
          });
        }),
      get closed() {
        return closed;
      },
      // A pipe or a file is not a tty.WriteStream: both are missing there, whatever the types say.
      get isTTY() {
        const tty: unknown = stream.isTTY;
        return tty === true;
      },
      get columns() {
        const columns: unknown = stream.columns;
        return typeof columns === 'number' && columns > 0 ? columns : 80;
      },
    };
  };
  return {
    stdout: wrap(process.stdout),
    stderr: wrap(process.stderr),
    env: process.env,
    cwd: process.cwd(),
    onInterrupt: (handler) => {
      process.on('SIGINT', handler);
      return () => process.off('SIGINT', handler);
    },
    now: () => performance.now(),
    exit: (code) => process.exit(code),
  };
}
