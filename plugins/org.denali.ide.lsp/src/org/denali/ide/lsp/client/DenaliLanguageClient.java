package org.denali.ide.lsp.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

import org.denali.ide.lsp.LspPlugin;
import org.eclipse.lsp4j.ApplyWorkspaceEditParams;
import org.eclipse.lsp4j.ApplyWorkspaceEditResponse;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.UnregistrationParams;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The client side of one connection: diagnostics go to the registry's listeners, the server's messages to the
 * log (as warnings at most: a server's complaint is not an error of the workbench), everything else is declined.
 */
final class DenaliLanguageClient implements LanguageClient {
    private final BiConsumer<ServerConnection, PublishDiagnosticsParams> diagnostics;
    private volatile ServerConnection connection;

    DenaliLanguageClient(BiConsumer<ServerConnection, PublishDiagnosticsParams> diagnostics) {
        this.diagnostics = diagnostics;
    }

    void bind(ServerConnection owner) {
        this.connection = owner;
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams params) {
        ServerConnection owner = connection;
        if (owner != null) {
            owner.diagnosticsArrived();
            diagnostics.accept(owner, params);
        }
    }

    @Override
    public void showMessage(MessageParams message) {
        if (message.getType() == MessageType.Error || message.getType() == MessageType.Warning) {
            LspPlugin.warn(name() + ": " + message.getMessage(), null);
        }
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams request) {
        showMessage(request);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {
        // servers are chatty; their log stays out of the workbench's
    }

    @Override
    public void telemetryEvent(Object object) {
    }

    @Override
    public CompletableFuture<ApplyWorkspaceEditResponse> applyEdit(ApplyWorkspaceEditParams params) {
        return CompletableFuture.completedFuture(new ApplyWorkspaceEditResponse(false));
    }

    @Override
    public CompletableFuture<Void> registerCapability(RegistrationParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> unregisterCapability(UnregistrationParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams params) {
        return CompletableFuture.completedFuture(null);
    }

    private String name() {
        ServerConnection owner = connection;
        return owner == null ? "language server" : owner.definition().name();
    }
}
