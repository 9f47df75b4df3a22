import { EventEmitter } from 'node:events';
import type { HandlerDetails, WindowOpenHandlerResponse } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { guardNavigation, type GuardableContents } from '../../../src-main/main/navigation-guard';

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  const contents = {
    on: (event: string, listener: (...args: unknown[]) => void) => emitter.on(event, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => {
      openHandler = handler;
    },
  } as unknown as GuardableContents;
  const fire = (event: string, url?: string) => {
    const domEvent = { preventDefault: vi.fn() };
    emitter.emit(event, domEvent, url);
    return domEvent.preventDefault.mock.calls.length > 0;
  };
  const open = (url: string) => {
    if (!openHandler) throw new Error('no window open handler');
    return openHandler({ url } as HandlerDetails);
  };
  return { contents, fire, open };
}

describe('navigation guard', () => {
  it('allows navigation inside app://app', () => {
    const external = vi.fn();
    const fake = fakeContents();
    guardNavigation(fake.contents, external);
    expect(fake.fire('will-navigate', 'app://app/index.html#doc/ff8ecd809083cd7f')).toBe(false);
    expect(fake.fire('will-redirect', 'app://app/index.html')).toBe(false);
    expect(external).not.toHaveBeenCalled();
  });

  it('prevents navigation to the web and offers the link to the confirm flow instead', () => {
    const external = vi.fn();
    const fake = fakeContents();
    guardNavigation(fake.contents, external);
    const url = 'https://www.gob.mx/sfp/prensa/comunicado-de-la-alianza-para-el-gobierno-abierto';
    expect(fake.fire('will-navigate', url)).toBe(true);
    expect(external).toHaveBeenCalledWith(url);
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'app://evil/index.html',
    'chrome://settings',
    'data:text/html,<script>1</script>',
  ])('prevents navigation to %s without offering it to the browser', (url) => {
    const external = vi.fn();
    const fake = fakeContents();
    guardNavigation(fake.contents, external);
    expect(fake.fire('will-navigate', url)).toBe(true);
    expect(external).not.toHaveBeenCalled();
  });

  it('prevents redirects away from the app', () => {
    const fake = fakeContents();
    guardNavigation(fake.contents, vi.fn());
    expect(fake.fire('will-redirect', 'https://example.org/')).toBe(true);
  });

  it('denies every new window; web links go to the confirm flow, others nowhere', () => {
    const external = vi.fn();
    const fake = fakeContents();
    guardNavigation(fake.contents, external);
    expect(fake.open('https://citizenlab.ca/')).toEqual({ action: 'deny' });
    expect(fake.open('app://app/index.html')).toEqual({ action: 'deny' });
    expect(fake.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(external.mock.calls).toEqual([['https://citizenlab.ca/']]);
  });

  it('prevents webviews from attaching', () => {
    const fake = fakeContents();
    guardNavigation(fake.contents, vi.fn());
    expect(fake.fire('will-attach-webview')).toBe(true);
  });
});
