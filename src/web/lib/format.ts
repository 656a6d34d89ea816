/** Pure display helpers. */

/** A 0..1 ratio as "42.5%"; null (not enough data yet) as an em dash. */
export function percent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(1)}%`;
}

/** The file name without its extension: "my cat.final.png" → "my cat.final". */
export function baseName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return (dot > 0 ? fileName.slice(0, dot) : fileName).trim();
}

/** YouTube id from the usual URL shapes (watch, youtu.be, shorts, embed), or null. */
export function youtubeId(url: string): string | null {
  const s = url.trim();
  if (/^[A-Za-z0-9_-]{11}$/.test(s)) return s;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return null;
  }
  const host = u.hostname.replace(/^www\.|^m\./, '');
  let id: string | null = null;
  if (host === 'youtu.be') id = u.pathname.slice(1).split('/')[0] ?? null;
  else if (host === 'youtube.com' || host === 'youtube-nocookie.com' || host === 'music.youtube.com') {
    if (u.pathname === '/watch') id = u.searchParams.get('v');
    else {
      const m = /^\/(?:shorts|embed|live|v)\/([^/?#]+)/.exec(u.pathname);
      id = m?.[1] ?? null;
    }
  }
  return id && /^[A-Za-z0-9_-]{11}$/.test(id) ? id : null;
}

export function youtubeEmbedUrl(id: string, start: number | null, end: number | null): string {
  const qs = new URLSearchParams({ rel: '0', modestbranding: '1', playsinline: '1' });
  if (start !== null && start > 0) qs.set('start', String(start));
  if (end !== null && end > 0) qs.set('end', String(end));
  return `https://www.youtube-nocookie.com/embed/${encodeURIComponent(id)}?${qs.toString()}`;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A Bradley–Terry score as a whole number ("1034"); null (not scored yet) as an em dash. */
export function scoreText(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return '—';
  return String(Math.round(score));
}

/** A 0..1 probability as a whole percentage ("64%"). */
export function percentWhole(p: number): string {
  return `${Math.round(p * 100)}%`;
}

/** An English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 101st. */
export function ordinal(n: number): string {
  const suffix: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };
  return `${n}${suffix[new Intl.PluralRules('en-US', { type: 'ordinal' }).select(n)] ?? 'th'}`;
}

/** Points with their sign, as a gap reads: "+52", "−20" (a real minus sign), "0". */
export function signedPoints(v: number): string {
  const r = Math.round(v);
  return r > 0 ? `+${r}` : r < 0 ? `−${-r}` : '0';
}

/** "About n": two significant figures from 100 up (161,657 → 160,000), so an estimate does not look exact. */
export function roughly(n: number): number {
  if (n < 100) return Math.round(n);
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}
