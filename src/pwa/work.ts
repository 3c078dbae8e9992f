/**
 * Open work: a form with unsaved input, a consultation running. While any is
 * open, a new version is never applied by itself (see update.ts). Screens
 * declare their work with `useOpenWork` (src/app/ui/use-open-work.ts).
 */
const open = new Set<string>();

export function setWorkOpen(key: string, isOpen: boolean): void {
  if (isOpen) open.add(key);
  else open.delete(key);
}

export function isWorkOpen(): boolean {
  return open.size > 0;
}
