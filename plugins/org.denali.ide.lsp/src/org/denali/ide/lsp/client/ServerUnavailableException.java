package org.denali.ide.lsp.client;

/** A language server cannot be started; the message says why and what to do, in one sentence for users. */
public class ServerUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public ServerUnavailableException(String message) {
        super(message);
    }
}
