import './zod-without-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { readBridge } from './bridge';
import { DICTIONARIES } from './i18n/i18n';
import { printSlipRequest } from './orders/order-slip';
import { PrintApp } from './print-app';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const bridge = readBridge();
// Main's hidden print window loads the same page with the order in the fragment.
const printRequest = printSlipRequest(location.hash);

createRoot(root).render(
  <StrictMode>
    {bridge && printRequest ? (
      <PrintApp bridge={bridge} id={printRequest.id} venueId={printRequest.venueId} />
    ) : bridge ? (
      <App bridge={bridge} />
    ) : (
      <main className="app-message">
        <p role="alert">{DICTIONARIES.en.noBridge}</p>
      </main>
    )}
  </StrictMode>,
);
