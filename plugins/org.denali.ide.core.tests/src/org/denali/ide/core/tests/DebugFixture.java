package org.denali.ide.core.tests;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.denali.ide.core.GuestProjectCreator;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;

/**
 * A guest written for debugging tests: a call to step into, a global to watch, initialised data to compare with
 * the ELF. Built at -O0 so every statement has its own line and functions keep their frame pointer. The line
 * numbers below are part of the fixture.
 */
final class DebugFixture {
    static final String MAIN_C = """
            #include <denali.h>
            #include <stdio.h>

            int counter;
            const char banner[] = "Denali debugger test";
            int table[4] = {0x11223344, 0x55667788, 9, 10};

            static int twice(int x)
            {
                int y = x * 2;
                return y;
            }

            int main(void)
            {
                int a = 20;
                int b = twice(a);
                counter = b + 1;
                printf("%s: vm %u counter %d table %x\\n", banner, denali_vregs()->vm_id, counter, table[0]);
                return 0;
            }
            """;
    static final int LINE_Y = 10;
    static final int LINE_A = 16;
    static final int LINE_B = 17;
    static final int LINE_COUNTER = 18;
    static final int LINE_PRINTF = 19;

    private DebugFixture() {
    }

    /** A hello-template project whose only source is {@link #MAIN_C}, built with {@code -O0}. */
    static IProject create(String name) throws CoreException {
        IProject project = new GuestProjectCreator(ResourcesPlugin.getWorkspace()).create(name, "hello", null, null);
        project.getFile("hello.c").delete(true, null);
        project.getFile("main.c").create(bytes(MAIN_C), true, null);
        IFile properties = project.getFile("denali.properties");
        properties.appendContents(bytes("\ncflags=-O0\n"), true, false, null);
        return project;
    }

    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
