// Which frame URLs are our renderer: the built index.html loaded from disk, or (in development)
// the electron-vite dev server. Everything else — a navigated-away page, a data: URL, another
// file — is untrusted and gets no IPC.
import { pathToFileURL } from 'node:url';

export interface RendererLocation {
  /** Absolute path of out/renderer/index.html. */
  rendererFile?: string;
  /** ELECTRON_RENDERER_URL in development. */
  devServerUrl?: string;
}

export function rendererUrlPredicate(location: RendererLocation): (url: string) => boolean {
  const fileUrl = location.rendererFile ? pathToFileURL(location.rendererFile).href : undefined;
  const devOrigin = location.devServerUrl ? new URL(location.devServerUrl).origin : undefined;
  return (text: string) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return false;
    }
    if (fileUrl && url.protocol === 'file:') {
      // The page may use #/route fragments or a query; the document itself must be exactly our file.
      url.hash = '';
      url.search = '';
      return url.href === fileUrl;
    }
    return devOrigin !== undefined && url.origin === devOrigin;
  };
}
