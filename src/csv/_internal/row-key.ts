// A stable key of a row's content: two 32-bit FNV-1a hashes with different offsets over the
// entity type and the mapped cells (with their columns), as 16 hex digits. Collisions among a
// million rows are about one chance in ten thousand; the key only decides that a row was imported
// before, and a collision shows as that row skipped with its reason.

export function rowKey(entityType: string, cells: readonly string[]): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  const feed = (text: string): void => {
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      a = Math.imul(a ^ unit, 0x01000193);
      b = Math.imul(b ^ unit, 0x01000193) ^ (b >>> 15);
    }
    a = Math.imul(a ^ 0x1f, 0x01000193);
    b = Math.imul(b ^ 0x1f, 0x01000193);
  };
  feed(entityType);
  for (const cell of cells) feed(cell);
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
