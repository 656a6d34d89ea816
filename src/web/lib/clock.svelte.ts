/** A coarse clock for "3분 전" labels: the current time, refreshed every `everyMs` while the component lives. */
export function useNow(everyMs = 15_000): { readonly ms: number } {
  let ms = $state(Date.now());
  $effect(() => {
    const timer = setInterval(() => (ms = Date.now()), everyMs);
    return () => clearInterval(timer);
  });
  return {
    get ms(): number {
      return ms;
    },
  };
}
