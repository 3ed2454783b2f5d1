package org.denali.emulator.debug.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.denali.emulator.debug.CpuRegisters;
import org.denali.emulator.debug.Signals;
import org.denali.emulator.kernel.FaultHold;
import org.denali.emulator.kernel.FaultReport;
import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.VirtualMachine;

/**
 * {@code denali run --core-dir DIR}: a core file for every VM that faults, written at the fault (the VM's state is
 * still intact then, whether a debugger goes on to hold it or the kernel ends it), to
 * {@code DIR/<image>.vm<ID>.core} ({@code <image>}: the image's file name without {@code .elf}). It wraps the kernel's current {@link FaultHold} and leaves the decision to it.
 *
 * <p>Written on the worker that ran the VM, under the kernel's lock: other VMs wait for the few milliseconds a
 * core takes, which only faulting VMs cost. A core that cannot be written is reported, never fatal.
 */
public final class FaultCores implements FaultHold {
    private final Kernel kernel;
    private final Path directory;
    private final String programName;
    private final String arguments;
    private final FaultHold next;
    private final Consumer<String> report;

    private FaultCores(Kernel kernel, Path directory, String programName, String arguments, FaultHold next,
            Consumer<String> report) {
        this.kernel = kernel;
        this.directory = directory;
        this.programName = programName;
        this.arguments = arguments;
        this.next = next;
        this.report = report;
    }

    /**
     * Installs core writing in front of the kernel's fault hold.
     *
     * @param programName the image's file name (gdb warns if the core names another program)
     * @param report gets one line per core written (or failed), for stderr
     * @throws IOException if {@code directory} cannot be created or is not a writable directory (checked now,
     *         before any VM runs)
     */
    public static FaultCores install(Kernel kernel, Path directory, String programName, String arguments,
            Consumer<String> report) throws IOException {
        requireWritableDirectory(directory);
        FaultCores cores = new FaultCores(kernel, directory, programName, arguments, kernel.faultHold(), report);
        kernel.holdFaults(cores);
        return cores;
    }

    /** Creates {@code directory} if needed; a clear IOException if it is not a directory we may write into. */
    public static void requireWritableDirectory(Path directory) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IOException(directory + " is not a directory");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IOException("cannot create " + directory + ": " + reason(e), e);
        }
        if (!Files.isWritable(directory)) {
            throw new IOException(directory + " is not writable");
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e instanceof FileSystemException ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The file the core of VM {@code vmId} goes to. */
    public Path fileFor(int vmId) {
        return directory.resolve(programName.replaceFirst("\\.elf$", "") + ".vm" + vmId + ".core");
    }

    @Override
    public boolean hold(int vmId, FaultReport fault) {
        Path file = fileFor(vmId);
        try {
            VirtualMachine vm = kernel.vm(vmId);
            CpuRegisters registers = new CpuRegisters(fault.registers(), fault.eip(), fault.eflags());
            CoreDump dump = VmCore.capture(vm, registers, Signals.ofFault(fault.vector()), fault, programName,
                arguments);
            ElfCoreWriter.write(dump, file);
            report.accept(String.format("%s; core written to %s", fault.summary(), file));
        } catch (IOException e) {
            report.accept(String.format("VM %d faulted: could not write its core to %s: %s", vmId, file,
                e.getMessage()));
        } catch (RuntimeException e) {
            // e.g. its swap failed its checksum: the VM's fault goes on as without --core-dir
            report.accept(String.format("VM %d faulted: could not write its core to %s: %s", vmId, file, e));
        }
        return next.hold(vmId, fault);
    }
}
