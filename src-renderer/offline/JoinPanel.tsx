import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { wifiPayload } from './wifi-payload';
import { fetchJoinInfo } from '../api/http-client';
import { Dialog } from '../components/Dialog';
import { QrCode } from './QrCode';
import { isOwnComputersPage } from './own-computer';
import { useLoaded } from '../lib/use-loaded';

/**
 * "Join from a phone", on the laptop that shares the archive: a QR code and the address in
 * large type for each network interface, and, once the person types the Wi-Fi's name and
 * password (kept only in this dialog), a second code that joins the network. No captive portal.
 */
export function JoinPanel() {
  const { t } = useTranslation();
  // Only the computer that shares the archive shows the codes: a phone has nobody to invite.
  const info = useLoaded(isOwnComputersPage() ? loadJoinInfo : null).value;
  const [open, setOpen] = useState(false);
  const [ssid, setSsid] = useState('');
  const [password, setPassword] = useState('');
  const ssidId = useId();
  const passwordId = useId();
  if (!info) return null;
  const close = () => {
    setOpen(false);
  };
  return (
    <>
      <button
        type="button"
        className="button button-quiet tap-target"
        data-testid="join-button"
        onClick={() => {
          setOpen(true);
        }}
      >
        {t('offline.join')}
      </button>
      <Dialog open={open} title={t('offline.join')} onClose={close} closeLabel={t('about.close')}>
        {info.urls.length === 0 ? (
          <p>{t('offline.joinNone')}</p>
        ) : (
          <>
            <p>{t('offline.joinIntro')}</p>
            {info.urls.map((url) => (
              <figure key={url} className="join-code" data-testid="join-code">
                <QrCode text={url} label={url} />
                <figcaption>
                  <span className="join-address-label">{t('offline.joinAddress')}</span>
                  <span className="join-address" data-testid="join-address">
                    {url}
                  </span>
                </figcaption>
              </figure>
            ))}
          </>
        )}
        <fieldset className="join-wifi">
          <legend>{t('offline.joinWifi')}</legend>
          <label htmlFor={ssidId}>{t('offline.joinWifiName')}</label>
          <input
            id={ssidId}
            type="text"
            autoComplete="off"
            value={ssid}
            onChange={(event) => {
              setSsid(event.target.value);
            }}
          />
          <label htmlFor={passwordId}>{t('offline.joinWifiPassword')}</label>
          <input
            id={passwordId}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={password}
            onChange={(event) => {
              setPassword(event.target.value);
            }}
          />
          {ssid.trim() !== '' && (
            <figure className="join-code" data-testid="wifi-code">
              <QrCode text={wifiPayload(ssid, password)} label={t('offline.joinWifiCode')} />
              <figcaption>{t('offline.joinWifiCode')}</figcaption>
            </figure>
          )}
        </fieldset>
      </Dialog>
    </>
  );
}

function loadJoinInfo() {
  return fetchJoinInfo(window.location.href);
}
