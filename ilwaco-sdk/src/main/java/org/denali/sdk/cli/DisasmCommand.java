package org.denali.sdk.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.disasm.ObjdumpListing;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.elf.ElfImage;
import org.denali.emulator.elf.ElfParser;

/** {@code denali disasm IMAGE.elf}: the image's code listed as {@code objdump -d} lists it. */
final class DisasmCommand implements Command {
    @Override
    public String name() {
        return "disasm";
    }

    @Override
    public String summary() {
        return "disassemble a guest image (objdump -d style, AT&T syntax)";
    }

    @Override
    public String usage() {
        return "usage: denali disasm IMAGE.elf\n"
                + "Lists every executable section of IMAGE.elf with symbol headers, addresses, raw bytes and\n"
                + "AT&T syntax exactly as GNU objdump -d prints them; Denali's idle/terminate by name.";
    }

    @Override
    public int run(List<String> args, CommandContext context) throws UsageException {
        Arguments parsed = Arguments.parse(args, Set.of(), Set.of());
        String given = parsed.positional(1, "one image file").get(0);
        Path file = context.resolve(given);
        try {
            ImageFiles.check(file, given, Math.min(Integer.toUnsignedLong(MemoryMap.MAX_MEMORY_SIZE)
                + ImageFiles.SYMBOL_SLACK, ImageFiles.heapLimit()), "any VM could load");
            ElfImage image = ElfParser.parse(file);
            context.out().print(new ObjdumpListing(image).render(given));
            return 0;
        } catch (ImageFiles.BadImageFile e) {
            context.err().println("denali disasm: " + e.getMessage());
        } catch (IOException e) {
            context.err().println("denali disasm: " + ImageFiles.describe(given, e));
        } catch (ElfFormatException e) {
            context.err().println("denali disasm: " + given + ": " + e.getMessage());
        }
        return 1;
    }
}
