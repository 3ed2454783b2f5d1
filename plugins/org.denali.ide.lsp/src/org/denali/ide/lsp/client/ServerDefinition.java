package org.denali.ide.lsp.client;

import java.nio.file.Path;
import java.util.List;

/**
 * What the generic client needs to know about one language server: how to start it and what it serves.
 * Policy (which executable, which options) lives in implementations; the mechanism in {@link ServerConnection}.
 */
public interface ServerDefinition {
    /** A short name for messages, e.g. {@code clangd}. */
    String name();

    /** The LSP language id of the documents this server gets, e.g. {@code c}. */
    String languageId();

    /**
     * The command line starting the server for a project rooted at {@code root}.
     *
     * @throws ServerUnavailableException when the server is not installed or switched off; its message is shown
     *         to the user as is
     */
    List<String> command(Path root) throws ServerUnavailableException;

    /** The {@code initializationOptions} of the initialize request (null for none). */
    Object initializationOptions();
}
