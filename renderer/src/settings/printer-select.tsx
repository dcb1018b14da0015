import { useEffect, useState } from 'react';
import type { NotifierBridge, PrinterInfo } from '../../../common/contract';
import { useI18n } from '../i18n/i18n';
import { FieldShell } from './form-controls';

/**
 * The slip printer, from the printers this PC offers (main asks Electron). A saved printer that is
 * no longer installed stays listed under its name, so it is not silently replaced.
 */
export function PrinterSelect({ bridge, value, onChange }: { bridge: NotifierBridge; value: string; onChange(value: string): void }) {
  const { t } = useI18n();
  const [printers, setPrinters] = useState<PrinterInfo[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    void bridge.listPrinters().then((reply) => {
      if (!live) return;
      if (reply.ok) setPrinters(reply.value);
      else setFailed(true);
    });
    return () => {
      live = false;
    };
  }, [bridge]);
  const known = printers ?? [];
  const missing = value !== '' && printers !== null && !known.some((p) => p.name === value);
  return (
    <FieldShell label={t.printer} hint={failed ? t.printersUnavailable : t.printerHint}>
      {({ inputId, describedBy }) => (
        <select id={inputId} name="printer" value={value} aria-describedby={describedBy} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t.printerDefault}</option>
          {known.map((printer) => (
            <option key={printer.name} value={printer.name}>
              {printer.displayName}
            </option>
          ))}
          {(missing || (printers === null && value !== '')) && <option value={value}>{value}</option>}
        </select>
      )}
    </FieldShell>
  );
}
