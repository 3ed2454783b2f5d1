package org.denali.emulator.cpu.diff;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.denali.emulator.cpu.UndefinedFlags;
import org.denali.emulator.cpu.decode.ByteSource;
import org.denali.emulator.cpu.decode.DecodedInstruction;
import org.denali.emulator.cpu.decode.Decoder;
import org.denali.emulator.cpu.decode.Mnemonic;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.elf.ElfImage;
import org.denali.emulator.elf.ElfParser;
import org.denali.emulator.elf.ElfSymbol;
import org.denali.emulator.elf.Section;

/**
 * Which EFLAGS bits the real CPU may be compared on, case by case: every instruction of each case's body is decoded
 * from the assembled program (so raw {@code .byte} cases are classified by what they are, not by how they were
 * written) and the bits {@link UndefinedFlags} lists for it are masked. A body that uses a form whose result is
 * undefined cannot be judged by the host at all and is refused.
 */
public final class UndefinedFlagMasks {
    private UndefinedFlagMasks() {
    }

    /** The compared-flags mask of each case, in order, read from the program {@link CaseProgram} built. */
    public static int[] comparedFlags(Path executable, List<InstructionCase> cases) throws IOException {
        ElfImage image;
        try {
            image = ElfParser.parse(executable);
        } catch (ElfFormatException e) {
            throw new IOException("cannot read " + executable + ": " + e.getMessage(), e);
        }
        Section text = image.section(".text").orElseThrow(() -> new IOException("no .text in " + executable));
        ByteSource code = ByteSource.of(image.sectionData(text), (int) text.address());
        int[] masks = new int[cases.size()];
        for (int n = 0; n < cases.size(); n++) {
            int start = address(image, CaseProgram.bodyLabel(n));
            int end = address(image, CaseProgram.endLabel(n));
            int undefined = 0;
            for (int at = start; at < end;) {
                DecodedInstruction d = Decoder.decode(code, at);
                if (d.mnemonic() == Mnemonic.INVALID) {
                    throw new IOException("case " + n + " " + cases.get(n) + ": undecodable bytes at " + at);
                }
                undefined |= UndefinedFlags.undefinedBy(d, cases.get(n).clCount());
                if (UndefinedFlags.resultUndefined(d, cases.get(n).clCount())) {
                    throw new IllegalArgumentException("case " + n + " " + cases.get(n) + " uses " + d
                        + ", whose result x86 leaves undefined: the host CPU cannot judge it");
                }
                at = d.nextAddress();
            }
            masks[n] = InstructionCase.ALL_FLAGS & ~undefined;
        }
        return masks;
    }

    private static int address(ElfImage image, String label) throws IOException {
        ElfSymbol symbol = image.symbols().byName(label)
            .orElseThrow(() -> new IOException("label " + label + " missing from the case program"));
        return (int) symbol.value();
    }
}
