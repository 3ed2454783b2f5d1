package org.denali.emulator.cpu.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.cpu.Cpu;
import org.denali.emulator.cpu.CpuHost;
import org.denali.emulator.cpu.decode.Registers;
import org.denali.emulator.elf.DenaliImageRules;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.elf.ElfImage;
import org.denali.emulator.elf.SegmentSink;
import org.denali.emulator.memory.Page;
import org.denali.emulator.memory.PagedMemory;
import org.denali.emulator.memory.PageProvider;

/**
 * A guest program for the CPU benchmark: the anchors-B1 loops {@code loop} and {@code call} (hand-encoded, with a
 * known number of instructions per iteration), a Denali ELF image, or a flat binary loaded at the link base. Each
 * {@link #newCpu()} gives a fresh VM (default memory size, no devices) with the program loaded and EIP at its entry.
 * The two loops also exist as a static Linux i386 executable, so the same instructions can be timed natively and
 * under qemu-i386 ({@link NativeRun}).
 */
public final class BenchGuest {
    private static final int BASE = MemoryMap.LINK_BASE;
    /** The loop's scratch word: above the code, inside the default memory size. */
    private static final int LOOP_BUFFER = 0x20_0000;
    /** The Denali virtual instruction that ends the run (architecture.md: terminate, 0f 0c). */
    private static final byte[] TERMINATE = {0x0F, 0x0C};
    /** mov $1,%eax; xor %ebx,%ebx; int $0x80: Linux exit(0), where the native build ends. */
    private static final byte[] LINUX_EXIT = {(byte) 0xB8, 1, 0, 0, 0, 0x31, (byte) 0xDB, (byte) 0xCD, (byte) 0x80};

    private final String name;
    private final ImageLoader loader;
    private final int entry;
    private final byte[] linuxExecutable;
    /** The loaded image as shared pages, made on the first {@link #newCpu()}. */
    private java.util.Map<Integer, Page> imagePages;

    private BenchGuest(String name, ImageLoader loader, int entry, byte[] linuxExecutable) {
        this.name = name;
        this.loader = loader;
        this.entry = entry;
        this.linuxExecutable = linuxExecutable;
    }

    /** Writes a program image into fresh guest memory. */
    @FunctionalInterface
    private interface ImageLoader {
        void load(PagedMemory memory);
    }

    /**
     * {@code mov ecx,N; mov esi,buf; 1: add eax,ecx; mov [esi],eax; mov edx,[esi]; xor ebx,edx; dec ecx; jnz 1b}
     * with N = {@code instructions} / 6 iterations (at least 1): about {@code instructions} guest instructions.
     */
    public static BenchGuest loop(long instructions) {
        int iterations = iterations(instructions, 6);
        return handEncoded("loop", exit -> loopCode(iterations, exit));
    }

    /**
     * {@code mov ecx,N; 1: call f; dec ecx; jnz 1b; ...; f: push ebp; mov ebp,esp; add eax,ecx; pop ebp; ret} with
     * N = {@code instructions} / 8 iterations (at least 1).
     */
    public static BenchGuest call(long instructions) {
        int iterations = iterations(instructions, 8);
        return handEncoded("call", exit -> callCode(iterations, exit));
    }

    /** A Denali guest image (ELF32 i386 linked for the VM's memory map); it should end with terminate. */
    public static BenchGuest elf(Path file) throws IOException, ElfFormatException {
        ElfImage image = DenaliImageRules.parseAndCheck(Files.readAllBytes(file), MemoryMap.DEFAULT_MEMORY_SIZE);
        return new BenchGuest(file.getFileName().toString(), memory -> image.loadInto(new SegmentSink() {
            @Override
            public void write(int address, byte[] bytes, int offset, int length) {
                memory.writeBytes(address, bytes, offset, length);
            }

            @Override
            public void zero(int address, int length) {
                memory.writeBytes(address, new byte[length], 0, length);
            }
        }), (int) image.entryPoint(), null);
    }

    /** A flat binary loaded at the link base and entered there. */
    public static BenchGuest flat(Path file) throws IOException {
        byte[] code = Files.readAllBytes(file);
        return new BenchGuest(file.getFileName().toString(), memory -> memory.writeBytes(BASE, code, 0, code.length),
            BASE, null);
    }

    public String name() {
        return name;
    }

    /** This guest with {@code executable} as its Linux build (the same program, for the native and qemu columns). */
    public BenchGuest withLinuxExecutable(String guestName, byte[] executable) {
        return new BenchGuest(guestName, loader, entry, executable.clone());
    }

    /** The same program as a static Linux i386 executable (exit(0) instead of terminate), if there is one. */
    public Optional<byte[]> linuxExecutable() {
        return Optional.ofNullable(linuxExecutable);
    }

    /**
     * A fresh CPU over fresh memory with this program loaded, EIP at its entry, ESP near the top of memory. The
     * image's pages are shared between the CPUs of one guest, copied on a VM's first write, as the kernel shares
     * an image's pages between its VMs: so decoded and compiled code carries over from one run to the next, and
     * only the first run pays for warming it up.
     */
    public synchronized Cpu newCpu() {
        if (imagePages == null) {
            PagedMemory image = new PagedMemory(MemoryMap.DEFAULT_MEMORY_SIZE, PageProvider.ZERO_FILL);
            loader.load(image);
            imagePages = new java.util.HashMap<>();
            for (int pn = 0; pn < MemoryMap.DEFAULT_MEMORY_SIZE >>> 12; pn++) {
                if (image.isMapped(pn)) {
                    imagePages.put(pn, Page.sharedCopyOf(image.page(pn << 12).data()));
                }
            }
        }
        java.util.Map<Integer, Page> shared = imagePages;
        PagedMemory memory = new PagedMemory(MemoryMap.DEFAULT_MEMORY_SIZE,
            pn -> shared.getOrDefault(pn, Page.zeroed()));
        Cpu cpu = new Cpu(memory, CpuHost.NONE);
        cpu.setEip(entry);
        cpu.setRegister(Registers.ESP, MemoryMap.DEFAULT_MEMORY_SIZE - 16);
        return cpu;
    }

    private static int iterations(long instructions, int perIteration) {
        if (instructions < 1) {
            throw new IllegalArgumentException("instruction count must be positive: " + instructions);
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, instructions / perIteration));
    }

    /** The loop code ending in {@code exit}. */
    private interface Program {
        byte[] code(byte[] exit);
    }

    private static BenchGuest handEncoded(String name, Program program) {
        byte[] code = program.code(TERMINATE);
        return new BenchGuest(name, memory -> memory.writeBytes(BASE, code, 0, code.length), BASE,
            linuxElf(program.code(LINUX_EXIT)));
    }

    static byte[] loopCode(int iterations, byte[] exit) {
        Code c = new Code();
        c.bytes(0xB9).int32(iterations).bytes(0xBE).int32(LOOP_BUFFER);
        c.bytes(0x01, 0xC8, 0x89, 0x06, 0x8B, 0x16, 0x31, 0xD3, 0x49, 0x75, 0xF5);
        c.raw(exit);
        return c.toArray();
    }

    static byte[] callCode(int iterations, byte[] exit) {
        Code c = new Code();
        c.bytes(0xB9).int32(iterations);
        c.bytes(0xE8).int32(3 + exit.length); // call f, which follows dec, jnz and the exit sequence
        c.bytes(0x49, 0x75, 0xF8); // dec ecx; jnz back to the call (-8)
        c.raw(exit);
        c.bytes(0x55, 0x89, 0xE5, 0x01, 0xC8, 0x5D, 0xC3);
        return c.toArray();
    }

    /**
     * A minimal static ELF32 i386 executable: one read-write-execute PT_LOAD segment mapping the headers at
     * BASE - 4 KiB and {@code code} at BASE, with memory up to the loop's scratch word.
     */
    static byte[] linuxElf(byte[] code) {
        int segmentStart = BASE - 0x1000;
        Code f = new Code();
        f.bytes(0x7F, 'E', 'L', 'F', 1, 1, 1, 0).raw(new byte[8]); // ELF32, little-endian, version 1, SysV
        f.int16(2).int16(3).int32(1).int32(BASE).int32(52).int32(0); // ET_EXEC, EM_386, entry, phoff, shoff
        f.int32(0).int16(52).int16(32).int16(1).int16(40).int16(0).int16(0); // flags, sizes, 1 phdr, no sections
        f.int32(1).int32(0).int32(segmentStart).int32(segmentStart); // PT_LOAD from file offset 0
        f.int32(0x1000 + code.length).int32(LOOP_BUFFER + 0x1000 - segmentStart).int32(7).int32(0x1000);
        byte[] headers = f.toArray();
        byte[] file = new byte[0x1000 + code.length];
        System.arraycopy(headers, 0, file, 0, headers.length);
        System.arraycopy(code, 0, file, 0x1000, code.length);
        return file;
    }

    /** A tiny little-endian byte buffer for hand-encoded code. */
    private static final class Code {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Code bytes(int... values) {
            for (int v : values) {
                out.write(v);
            }
            return this;
        }

        Code raw(byte[] values) {
            out.writeBytes(values);
            return this;
        }

        Code int16(int v) {
            return bytes(v & 0xFF, v >>> 8 & 0xFF);
        }

        Code int32(int v) {
            return bytes(v & 0xFF, v >>> 8 & 0xFF, v >>> 16 & 0xFF, v >>> 24);
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }
}
