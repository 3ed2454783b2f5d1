package org.denali.emulator.kernel;

import org.denali.emulator.memory.Page;
import org.denali.emulator.memory.PageProvider;

/**
 * What a fresh VM's pages contain: the image's shared pages where the image has them, zero-filled pages
 * elsewhere; and the image's write rule: copy-on-write only for pages of writable segments, null (a #PF) for
 * read-only and code pages. Memory managers put their accounting around it.
 */
public final class ImageOrigin implements PageProvider {
    private final GuestImage image;

    public ImageOrigin(GuestImage image) {
        this.image = image;
    }

    /** The image whose pages these are. */
    public GuestImage image() {
        return image;
    }

    /** Whether the image supplies this page (shared, costing no private memory until written). */
    public boolean isImagePage(int pageNumber) {
        return image.sharedPage(pageNumber) != null;
    }

    @Override
    public Page pageFor(int pageNumber) {
        Page shared = image.sharedPage(pageNumber);
        return shared != null ? shared : Page.zeroed();
    }

    @Override
    public Page copyOnWrite(int pageNumber, Page shared) {
        if (image.sharedPage(pageNumber) == shared && !image.isWritable(pageNumber)) {
            return null;
        }
        return shared.privateCopy();
    }
}
