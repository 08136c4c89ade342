/** Last segment of a path from either OS (the renderer has no node:path). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
