/** The router's reactive state; the logic lives in router.ts. */

/** `seq` counts navigations so a page remounts even when only its query changes. */
export const router = $state({ path: location.pathname, seq: 0 });
