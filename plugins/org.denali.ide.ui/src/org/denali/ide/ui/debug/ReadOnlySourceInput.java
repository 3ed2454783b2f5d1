package org.denali.ide.ui.debug;

import java.io.File;

import org.eclipse.core.resources.IStorage;
import org.eclipse.debug.core.sourcelookup.containers.LocalFileStorage;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IPersistableElement;
import org.eclipse.ui.IStorageEditorInput;

/**
 * A source file outside the workspace that the debugger shows (the Ilwaco SDK's library sources): opened as a
 * read-only storage, so stepping through the SDK cannot change it by accident. Equal for the same file, so every
 * stop in it reuses one editor.
 */
final class ReadOnlySourceInput implements IStorageEditorInput {
    private final LocalFileStorage storage;

    ReadOnlySourceInput(LocalFileStorage storage) {
        this.storage = storage;
    }

    File file() {
        return storage.getFile();
    }

    @Override
    public IStorage getStorage() {
        return storage;
    }

    @Override
    public boolean exists() {
        return storage.getFile().isFile();
    }

    @Override
    public ImageDescriptor getImageDescriptor() {
        return null;
    }

    @Override
    public String getName() {
        return storage.getName();
    }

    @Override
    public IPersistableElement getPersistable() {
        return null;
    }

    @Override
    public String getToolTipText() {
        return storage.getFile().getAbsolutePath() + " (read-only)";
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return adapter.isInstance(storage) ? adapter.cast(storage) : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReadOnlySourceInput other && other.file().equals(file());
    }

    @Override
    public int hashCode() {
        return file().hashCode();
    }
}
