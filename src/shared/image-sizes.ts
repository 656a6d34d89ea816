/**
 * How wide a full-size candidate image is shown, for `<img sizes>`: the match view stacks its two
 * cards on a phone (the viewport's width less the page's 12 px padding each side) and puts them side by side from 720 px, each half of a
 * page at most 1120 px wide. With the server's srcset (720 px and the full image) a phone at 2×
 * density picks the 720 px rendition. The server's preload hint for /play/ID (http/play-hints.ts)
 * and the app's early preload (web/lib/prefetch.ts) use the same value, so they fetch the file the
 * <img> will choose.
 */
export const FULL_IMAGE_SIZES = '(min-width: 720px) min(50vw, 560px), calc(100vw - 24px)';
