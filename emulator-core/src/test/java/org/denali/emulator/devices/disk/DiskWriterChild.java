package org.denali.emulator.devices.disk;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Child process for {@link DiskCrashTest}: a guest writing block after block through DISK_SUBMIT, printing
 * {@code ACK n} as soon as write n completed with status OK, until it is killed.
 * Arguments: disk directory, disk name.
 */
public final class DiskWriterChild {
    private DiskWriterChild() {
    }

    public static void main(String[] args) throws Exception {
        DiskStore store = new DiskStore(Path.of(args[0]));
        DiskAttachment disk = store.attach(args[1], false);
        ExecutorService io = Executors.newFixedThreadPool(2);
        DiskGuest guest = new DiskGuest(List.of(disk), io);
        System.out.println("READY");
        System.out.flush();
        for (int n = 0; n < disk.blocks(); n++) {
            int status = guest.write(0, n, DiskGuest.pattern(n));
            if (status != DiskStatus.OK) {
                System.out.println("FAILED " + n + " " + status);
                System.exit(1);
            }
            System.out.println("ACK " + n);
            System.out.flush();
        }
        System.out.println("DONE");
        System.out.flush();
        Thread.sleep(60_000); // wait to be killed
    }
}
