import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/index.ts';
import { App, preloadEntry } from './App.tsx';

// Before the first render: /me and this URL's desk page (with its layout) start downloading now,
// side by side, not each once the one before has arrived.
preloadEntry(window.location.pathname);

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
