/* Both sides write a doctor's name this way: the server in thread entries, the browser on every card. */
/** "Dr. Grace Hopper", without doubling a title the name already has ("Dr Who" stays as it is). */
export function doctorName(name: string): string {
  return /^dr\.?\s/i.test(name.trim()) ? name.trim() : `Dr. ${name.trim()}`;
}
