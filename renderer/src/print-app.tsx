import { useEffect } from 'react';
import type { NotifierBridge } from '../../common/contract';
import { BridgeContext } from './bridge';
import { I18nProvider } from './i18n/i18n';
import { PrintSlipPage } from './orders/order-slip';
import { useReply } from './state/use-reply';

/** The print window's whole app: the settings (language, currency, paper width), then the slip alone. */
export function PrintApp({ bridge, id, venueId }: { bridge: NotifierBridge; id: string; venueId: string | undefined }) {
  const { state } = useReply(() => bridge.getSettings(), 'settings');
  const view = state.status === 'ok' ? state.value : null;
  useEffect(() => {
    document.documentElement.classList.add('printing');
    if (view) document.documentElement.lang = view.settings.language;
    // Main waits for the page's verdict: without settings there is no slip to print.
    if (state.status === 'error') document.title = `slip-failed: ${state.error.kind}`;
  }, [view, state]);
  if (!view) return null;
  return (
    <BridgeContext.Provider value={bridge}>
      <I18nProvider language={view.settings.language}>
        <PrintSlipPage bridge={bridge} id={id} venueId={venueId} settings={view.settings} />
      </I18nProvider>
    </BridgeContext.Provider>
  );
}
