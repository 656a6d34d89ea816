/** The double-tap guard of the play and arena pages (see input-guard.ts): input waits while a new stage settles. */
import { MATCH_SETTLE_MS } from './input-guard';

/**
 * `settling` is true for MATCH_SETTLE_MS each time `stage()` becomes a new non-null key (a new
 * match, battle or reveal). Call during a component's initialisation: it owns an effect.
 */
export function settleGuard(stage: () => string | null): { readonly settling: boolean } {
  let settling = $state(false);
  $effect(() => {
    if (!stage()) return;
    settling = true;
    const timer = setTimeout(() => (settling = false), MATCH_SETTLE_MS);
    return () => clearTimeout(timer);
  });
  return {
    get settling() {
      return settling;
    },
  };
}
