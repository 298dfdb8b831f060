import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Chromium's offer to install the app (not in TypeScript's DOM types). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<unknown>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

let offer: BeforeInstallPromptEvent | null = null;
let installed = false;
const hosts = new Set<ReactiveControllerHost>();
const changed = (): void => hosts.forEach((h) => h.requestUpdate());

// Listening from the start: the browser may offer installation before any panel is open.
window.addEventListener('beforeinstallprompt', (e) => {
  e.preventDefault(); // the app shows its own "Install app" button instead of the browser's banner
  offer = e as BeforeInstallPromptEvent;
  changed();
});
window.addEventListener('appinstalled', () => {
  offer = null;
  installed = true;
  changed();
});

/**
 * Installing the app: whether the browser offers it now (Chromium's beforeinstallprompt), and
 * whether the app already runs installed. Where the browser never offers it (iOS Safari), the user
 * adds it from the browser's own menu ("Add to Home Screen").
 */
export class InstallController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.host);
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
  }

  /** The browser offers installation: show "Install app". */
  get canInstall(): boolean {
    return offer !== null;
  }

  /** Running as an installed app, or just installed from this page. */
  get installed(): boolean {
    const iosStandalone = (navigator as Navigator & { standalone?: boolean }).standalone === true;
    return installed || iosStandalone || matchMedia('(display-mode: standalone)').matches;
  }

  /** Shows the browser's install dialog; the offer is spent either way, so the button goes. */
  async install(): Promise<void> {
    const e = offer;
    if (!e) return;
    await e.prompt();
    await e.userChoice;
    if (offer === e) offer = null;
    changed();
  }
}
