import type { ArchiveApi } from '../../src-main/common/api';
import type { ExternalLinks } from '../app/use-external-links';
import type { LibraryState } from '../lib/use-library';
import { LazyAboutDialog, LazyExternalLinkDialog, LazyPart, useMountedOnceWanted } from './lazy-views';
import { DowngradeDialog, PublisherDialog } from './PackInstallDialogs';
import { PackDropOverlay } from './PackDropOverlay';

export interface AppDialogsProps {
  api: ArchiveApi;
  ready: boolean;
  library: LibraryState;
  links: ExternalLinks;
  aboutOpen: boolean;
  onAboutClose: () => void;
}

/**
 * The dialogs and the drop target over every view: About, the pack installer's questions (an
 * older version, an unknown publisher), the pack drop overlay and the external-link check. The
 * lazy ones load when first opened and stay mounted after (see useMountedOnceWanted).
 */
export function AppDialogs({ api, ready, library, links, aboutOpen, onAboutClose }: AppDialogsProps) {
  const aboutMounted = useMountedOnceWanted(aboutOpen);
  const externalLinkMounted = useMountedOnceWanted(links.pendingUrl !== null);
  return (
    <>
      {aboutMounted && (
        <LazyPart>
          <LazyAboutDialog open={aboutOpen} api={api} onClose={onAboutClose} />
        </LazyPart>
      )}
      <DowngradeDialog library={library} />
      <PublisherDialog library={library} />
      {ready && <PackDropOverlay onDrop={library.installFile} />}
      {externalLinkMounted && (
        <LazyPart>
          <LazyExternalLinkDialog url={links.pendingUrl} onAnswer={links.answer} />
        </LazyPart>
      )}
    </>
  );
}
