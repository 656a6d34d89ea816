/** Whether the user asked the system for less motion (the pick animation is skipped then). */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Whether the device has no mouse to drag files with (a phone or tablet): then say "choose", not "drop". */
export function isTouchOnly(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(hover: none) and (pointer: coarse)').matches;
}
