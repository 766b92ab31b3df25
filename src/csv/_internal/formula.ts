// What makes a spreadsheet evaluate a cell, and the apostrophe that stops it, as one rule both
// ways: export adds an apostrophe where a cell (after any apostrophes it already starts with) would
// be evaluated, and import takes exactly that apostrophe away again, so export then import gives
// back every text as it was, apostrophes of its own included.

const APOSTROPHE = 39;

/** Whether a spreadsheet would evaluate the cell once its leading apostrophes are gone. */
export function isFormulaLike(cell: string): boolean {
  let at = 0;
  while (cell.charCodeAt(at) === APOSTROPHE) at++;
  const first = cell.charCodeAt(at);
  // A tab or carriage return first.
  if (first === 9 || first === 13) return true;
  while (cell.charCodeAt(at) === 32) at++;
  const code = cell.charCodeAt(at);
  // = + - @
  return code === 61 || code === 43 || code === 45 || code === 64;
}

/** The cell with the apostrophe an export added taken away; any other cell as it is. */
export function restoreFormula(cell: string): string {
  return cell.charCodeAt(0) === APOSTROPHE && isFormulaLike(cell) ? cell.slice(1) : cell;
}
