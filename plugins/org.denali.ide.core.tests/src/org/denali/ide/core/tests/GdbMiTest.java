package org.denali.ide.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.denali.ide.core.gdb.GdbException;
import org.denali.ide.core.gdb.GdbMi;
import org.denali.ide.core.gdb.MiParser;
import org.denali.ide.core.gdb.MiRecord;
import org.denali.ide.core.gdb.MiValue;
import org.junit.jupiter.api.Test;

/** The MI layer against real gdb 13 ({@code --interpreter=mi3}): results, C strings with escapes, errors. */
class GdbMiTest {
    @Test
    void realGdbEvaluatesAndReportsErrors() throws Exception {
        try (GdbMi gdb = GdbMi.start(Path.of("/bin/true"))) {
            assertEquals("4", gdb.command("-data-evaluate-expression \"sizeof(int)\"").results().text("value"));
            // a C string with a quote and a backslash survives gdb's MI quoting and ours
            assertEquals("\"a\\\"b\\\\c\"", gdb.command("-data-evaluate-expression "
                    + GdbMi.quote("\"a\\\"b\\\\c\"")).results().text("value"));
            GdbException e = assertThrows(GdbException.class,
                    () -> gdb.command("-data-evaluate-expression nosuch_symbol"));
            assertTrue(e.getMessage().contains("nosuch_symbol") || e.getMessage().contains("No symbol table"),
                    e.getMessage()); // /bin/true has no symbols: gdb says so instead of naming the symbol
            assertTrue(gdb.console("show version").contains("GNU gdb"), "CLI output through MI");
        }
    }

    @Test
    void parsesTuplesListsAndResultLists() {
        MiRecord r = MiParser.parse("12^done,stack=[frame={level=\"0\",addr=\"0x0010007f\",func=\"consumer\"},"
                + "frame={level=\"1\",addr=\"0x00101511\",func=\"__ilwaco_thread_entry\"}],names=[\"a\",\"b\"]");
        assertEquals(12, r.token());
        assertTrue(r.isResult());
        List<MiValue> frames = MiValue.elements(r.results().get("stack"));
        assertEquals(2, frames.size());
        assertEquals("__ilwaco_thread_entry", ((MiValue.Tuple) frames.get(1)).text("func"));
        assertEquals(List.of(new MiValue.Text("a"), new MiValue.Text("b")),
                MiValue.elements(r.results().get("names")));
        assertEquals('~', MiParser.parse("~\"tab\\there\\n\"").kind());
        assertEquals("tab\there\n", MiParser.parse("~\"tab\\there\\n\"").name());
        assertEquals('(', MiParser.parse("(gdb) ").kind());
    }
}
