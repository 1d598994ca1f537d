// The phone shell's entry: served under /m/ (vite.mobile.config.ts), light on purpose — React,
// a few antd-mobile components imported one by one, wouter, and the i18n in i18n/index.ts.
import 'antd-mobile/es/global';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
// a transition renders in slices that yield to the browser between them, so a slow phone is
// never blocked by one long task while the first page is built
startTransition(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});

// The shell's service worker (vite.mobile.config.ts): where the browser runs one (a secure context;
// not WeChat on iOS), the check-in page opens offline. Nothing depends on it being there.
if (import.meta.env.PROD && 'serviceWorker' in navigator && window.isSecureContext) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/m/sw.js', { scope: '/m/' }).catch(() => {
      // no worker: the pages work online as before, and the queue lives in the page itself
    });
  });
}
