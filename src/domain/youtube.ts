/**
 * Extracts the 11-character video id from the YouTube URL forms people paste (watch, youtu.be,
 * shorts, embed, live, m. and music. hosts), plus a start time given as `t=` / `start=`.
 * Returns null for anything that is not a YouTube video URL.
 */
export function parseYouTubeUrl(input: string): { id: string; start: number | null } | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  // A link with user:password@ or an odd port is not one YouTube hands out; whatever it carries
  // would be shown to every player, so it is refused rather than cleaned.
  if (url.username !== '' || url.password !== '' || url.port !== '') return null;
  const host = url.hostname.replace(/^(www|m|music)\./, '');
  let id: string | null = null;
  if (host === 'youtu.be') {
    id = url.pathname.slice(1).split('/')[0] ?? null;
  } else if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] === 'watch') id = url.searchParams.get('v');
    else if (parts[0] && ['shorts', 'embed', 'live', 'v'].includes(parts[0])) id = parts[1] ?? null;
  }
  if (!id || !/^[A-Za-z0-9_-]{11}$/.test(id)) return null;
  return { id, start: parseStart(url.searchParams.get('t') ?? url.searchParams.get('start')) };
}

/**
 * The canonical watch URL of a video (what Versus stores and shows, never the pasted text, which
 * could carry tracking parameters or anything else).
 */
export function youTubeWatchUrl(id: string, start: number | null): string {
  return `https://www.youtube.com/watch?v=${id}${start ? `&t=${start}s` : ''}`;
}

/** "90", "90s", "1m30s", "1h2m3s" → seconds. */
function parseStart(t: string | null): number | null {
  if (!t) return null;
  if (/^\d+s?$/.test(t)) return Number.parseInt(t, 10);
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(t);
  if (!m || m[0] === '') return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}
