import type { NotifierBridge } from '../../../common/contract';
import { useI18n } from '../i18n/i18n';
import { useReply } from '../state/use-reply';
import { FieldShell } from './form-controls';

/**
 * The slip printer, from the printers this PC offers (main asks Electron). A saved printer that is
 * no longer installed stays listed under its name, so it is not silently replaced.
 */
export function PrinterSelect({ bridge, value, onChange }: { bridge: NotifierBridge; value: string; onChange(value: string): void }) {
  const { t } = useI18n();
  const { state } = useReply(() => bridge.listPrinters(), 'printers');
  const known = state.status === 'ok' ? state.value : [];
  return (
    <FieldShell label={t.printer} hint={state.status === 'error' ? t.printersUnavailable : t.printerHint}>
      {({ inputId, describedBy }) => (
        <select id={inputId} name="printer" value={value} aria-describedby={describedBy} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t.printerDefault}</option>
          {known.map((printer) => (
            <option key={printer.name} value={printer.name}>
              {printer.displayName}
            </option>
          ))}
          {value !== '' && !known.some((p) => p.name === value) && <option value={value}>{value}</option>}
        </select>
      )}
    </FieldShell>
  );
}
