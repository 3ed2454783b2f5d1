package org.denali.emulator.devices.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskStoreTest {
    @TempDir
    Path dir;

    @Test
    void disksAreFixedSizeFilesInTheDirectory() throws IOException {
        try (DiskStore store = new DiskStore(dir)) {
            store.create("web-1.root", 300);
            store.create("a", 1);
            assertEquals(300L * 4096, Files.size(dir.resolve("web-1.root.disk")));
            assertEquals(List.of("a", "web-1.root"), store.list());
            assertTrue(store.exists("a"));
            DiskAttachment att = store.attach("web-1.root", false);
            assertEquals(300, att.blocks());
            assertThrows(IllegalStateException.class, () -> store.delete("web-1.root"));
            store.detach(att);
            store.delete("web-1.root");
            assertFalse(store.exists("web-1.root"));
            assertThrows(FileAlreadyExistsException.class, () -> store.create("a", 5));
        }
    }

    @Test
    void namesAreValidatedSoTheyCannotEscapeTheDirectory() throws IOException {
        try (DiskStore store = new DiskStore(dir)) {
            for (String bad : new String[] {"", "../x", "a/b", ".hidden", "UPPER", "-x", "a b", "x".repeat(65)}) {
                assertThrows(IllegalArgumentException.class, () -> store.create(bad, 1), bad);
                assertThrows(IllegalArgumentException.class, () -> store.attach(bad, true), bad);
            }
            assertThrows(IllegalArgumentException.class, () -> store.create("ok", 0));
            store.create("x".repeat(64), 1);
        }
    }

    @Test
    void aFileThatIsNotWholeBlocksIsRefused() throws IOException {
        Files.write(dir.resolve("odd.disk"), new byte[100]);
        try (DiskStore store = new DiskStore(dir)) {
            assertThrows(IOException.class, () -> store.attach("odd", true));
        }
    }
}
