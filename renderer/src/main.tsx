import './zod-without-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { readBridge } from './bridge';
import { DICTIONARIES } from './i18n/i18n';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const bridge = readBridge();

createRoot(root).render(
  <StrictMode>
    {bridge ? (
      <App bridge={bridge} />
    ) : (
      <main className="app-message">
        <p role="alert">{DICTIONARIES.en.noBridge}</p>
      </main>
    )}
  </StrictMode>,
);
