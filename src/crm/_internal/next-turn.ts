// Long services (an import, automatic merges) give the host's event loop a turn between units of
// work: on a store that answers without I/O (memory, PGlite) nothing else would run until the end,
// not the host's timers or requests, and not the Ctrl-C that asks the work to stop.
const timers = globalThis as { readonly setTimeout?: ((callback: () => void, milliseconds: number) => unknown) | undefined };

/** Resolves on a later turn of the event loop (a timer); at once in a runtime without timers. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    if (timers.setTimeout === undefined) resolve();
    else timers.setTimeout(resolve, 0);
  });
}
