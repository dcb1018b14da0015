import { useEffect, useState } from 'react';
import type { NotifierBridge, SettingsView } from '../../common/contract';
import { BridgeContext } from './bridge';
import { I18nProvider } from './i18n/i18n';
import { PrintSlipPage } from './orders/order-slip';

/** The print window's whole app: the settings (language, currency, paper width), then the slip alone. */
export function PrintApp({ bridge, id, venueId }: { bridge: NotifierBridge; id: string; venueId: string | undefined }) {
  const [view, setView] = useState<SettingsView | null>(null);
  useEffect(() => {
    void bridge.getSettings().then((reply) => {
      if (reply.ok) setView(reply.value);
      else document.title = `slip-failed: ${reply.error.kind}`;
    });
  }, [bridge]);
  useEffect(() => {
    document.documentElement.classList.add('printing');
    if (view) document.documentElement.lang = view.settings.language;
  }, [view]);
  if (!view) return null;
  return (
    <BridgeContext.Provider value={bridge}>
      <I18nProvider language={view.settings.language}>
        <PrintSlipPage bridge={bridge} id={id} venueId={venueId} settings={view.settings} />
      </I18nProvider>
    </BridgeContext.Provider>
  );
}
