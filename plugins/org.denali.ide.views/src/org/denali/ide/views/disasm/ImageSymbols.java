package org.denali.ide.views.disasm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.elf.ElfParser;
import org.denali.emulator.elf.SymbolTable;

/** The symbols of the watched guest image, parsed once per file version (a rebuild changes the file's time). */
final class ImageSymbols {
    private Path path;
    private FileTime modified;
    private SymbolTable symbols;

    /** The symbols of {@code image}, or null if there is no readable ELF image. */
    synchronized SymbolTable of(Path image) {
        if (image == null || !Files.isRegularFile(image)) {
            return null;
        }
        try {
            FileTime time = Files.getLastModifiedTime(image);
            if (!image.equals(path) || !time.equals(modified)) {
                symbols = ElfParser.parse(image).symbols();
                path = image;
                modified = time;
            }
            return symbols;
        } catch (IOException | ElfFormatException e) {
            return null;
        }
    }
}
