/**
 * KakaoTalk sharing, only when the site is configured with a Kakao JavaScript key (KAKAO_JS_KEY,
 * README "Sharing"): the server then puts it in the page as `<meta name="versus:kakao-key">` and
 * allows Kakao's SDK in its Content-Security-Policy. The SDK is loaded from Kakao's official URL
 * on the first share only; without a key nothing of Kakao is loaded or shown.
 */
const SDK_URL = 'https://t1.kakaocdn.net/kakao_js_sdk/2.7.4/kakao.min.js';

interface KakaoSdk {
  isInitialized(): boolean;
  init(key: string): void;
  Share: { sendScrap(options: { requestUrl: string }): void };
}

/** The site's Kakao key, or null when KakaoTalk sharing is off. */
export function kakaoKey(): string | null {
  const key = document.querySelector<HTMLMetaElement>('meta[name="versus:kakao-key"]')?.content ?? '';
  return /^[A-Za-z0-9]{8,64}$/.test(key) ? key : null;
}

let loading: Promise<KakaoSdk> | null = null;

function loadSdk(): Promise<KakaoSdk> {
  loading ??= new Promise<KakaoSdk>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = SDK_URL;
    script.crossOrigin = 'anonymous';
    script.onload = () => {
      const sdk = (window as unknown as { Kakao?: KakaoSdk }).Kakao;
      if (sdk) resolve(sdk);
      else reject(new Error('Kakao SDK did not load'));
    };
    script.onerror = () => {
      loading = null;
      reject(new Error('Kakao SDK did not load'));
    };
    document.head.append(script);
  });
  return loading;
}

/** Opens KakaoTalk's share with the page's own preview (its og tags). */
export async function shareToKakao(url: string): Promise<void> {
  const key = kakaoKey();
  if (!key) return;
  try {
    const sdk = await loadSdk();
    if (!sdk.isInitialized()) sdk.init(key);
    sdk.Share.sendScrap({ requestUrl: url });
  } catch {
    // Kakao unreachable: the copy and X buttons remain
  }
}
