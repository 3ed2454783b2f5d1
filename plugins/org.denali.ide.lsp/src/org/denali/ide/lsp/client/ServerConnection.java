package org.denali.ide.lsp.client;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.denali.ide.lsp.LspPlugin;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * One language server process and its JSON-RPC connection (lsp4j). Everything sent to the server goes through
 * one queue, so notifications keep their order (didOpen before didChange before a completion request) even
 * while the process is still starting; the first task of the queue starts it and runs the initialize handshake.
 * Cancelling a future returned by {@link #request} cancels the request on the server ({@code $/cancelRequest}).
 */
public final class ServerConnection {
    private static final long SHUTDOWN_SECONDS = 3;

    private final ServerDefinition definition;
    private final Path root;
    private final ExecutorService queue;
    private final long createdNanos = System.nanoTime();
    private volatile Process process;
    private volatile LanguageServer server;
    private volatile ServerCapabilities capabilities;
    private volatile String unavailable;
    private volatile long firstDiagnosticsNanos;

    ServerConnection(ServerDefinition definition, Path root, DenaliLanguageClient client,
                     Consumer<ServerConnection> onUnavailable) {
        client.bind(this);
        this.definition = definition;
        this.root = root;
        this.queue = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, definition.name() + " " + root.getFileName());
            thread.setDaemon(true);
            return thread;
        });
        queue.execute(() -> {
            try {
                start(client);
            } catch (ServerUnavailableException e) {
                unavailable = e.getMessage();
                onUnavailable.accept(this);
            }
        });
    }

    private void start(LanguageClient client) throws ServerUnavailableException {
        List<String> command = definition.command(root);
        try {
            process = new ProcessBuilder(command).directory(root.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new ServerUnavailableException("Cannot start " + definition.name() + " (" + command.get(0) + "): "
                    + e.getMessage());
        }
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, process.getInputStream(),
                process.getOutputStream());
        launcher.startListening();
        LanguageServer remote = launcher.getRemoteProxy();
        InitializeParams params = new InitializeParams();
        params.setProcessId((int) ProcessHandle.current().pid());
        params.setRootUri(root.toUri().toString());
        params.setWorkspaceFolders(List.of(new WorkspaceFolder(root.toUri().toString(), root.getFileName().toString())));
        params.setCapabilities(ClientCapabilitiesFactory.create());
        params.setInitializationOptions(definition.initializationOptions());
        params.setClientInfo(new org.eclipse.lsp4j.ClientInfo("Denali Studio"));
        try {
            capabilities = remote.initialize(params).get(30, TimeUnit.SECONDS).getCapabilities();
        } catch (Exception e) {
            process.destroyForcibly();
            throw new ServerUnavailableException(definition.name() + " did not answer the initialize request: "
                    + e.getMessage());
        }
        remote.initialized(new InitializedParams());
        server = remote;
    }

    public ServerDefinition definition() {
        return definition;
    }

    public Path root() {
        return root;
    }

    /** Null until the server answered initialize, and forever when it could not be started. */
    public ServerCapabilities capabilities() {
        return capabilities;
    }

    /** Why the server cannot run, or null while it runs (or is starting). */
    public String unavailableReason() {
        return unavailable;
    }

    void diagnosticsArrived() {
        if (firstDiagnosticsNanos == 0) {
            firstDiagnosticsNanos = System.nanoTime();
        }
    }

    /** Nanoseconds from creating this connection (starting the process) to its first diagnostics; 0 before. */
    public long startToFirstDiagnosticsNanos() {
        long first = firstDiagnosticsNanos;
        return first == 0 ? 0 : first - createdNanos;
    }

    /** Sends a notification after everything queued before it; dropped when the server is unavailable. */
    public void notify(Consumer<LanguageServer> notification) {
        if (queue.isShutdown()) {
            return;
        }
        queue.execute(() -> {
            if (server != null) {
                notification.accept(server);
            }
        });
    }

    /** Sends a request after everything queued before it; fails with {@link ServerUnavailableException}. */
    public <T> CompletableFuture<T> request(Function<LanguageServer, CompletableFuture<T>> request) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (queue.isShutdown()) {
            result.completeExceptionally(new ServerUnavailableException(definition.name() + " was shut down"));
            return result;
        }
        queue.execute(() -> {
            if (server == null) {
                result.completeExceptionally(new ServerUnavailableException(unavailable));
                return;
            }
            if (result.isDone()) {
                return; // cancelled before it was sent
            }
            CompletableFuture<T> sent = request.apply(server);
            result.whenComplete((value, error) -> {
                if (result.isCancelled()) {
                    sent.cancel(true);
                }
            });
            sent.whenComplete((value, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            });
        });
        return result;
    }

    /** The LSP shutdown/exit handshake, then the process is ended if it has not left by itself. */
    public void shutdown() {
        if (queue.isShutdown()) {
            return;
        }
        queue.execute(() -> {
            if (server != null) {
                try {
                    server.shutdown().get(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
                    server.exit();
                } catch (Exception e) {
                    LspPlugin.warn(definition.name() + " did not shut down cleanly: " + e.getMessage(), null);
                }
            }
            Process running = process;
            if (running != null) {
                try {
                    if (!running.waitFor(SHUTDOWN_SECONDS, TimeUnit.SECONDS)) {
                        running.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    running.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        });
        queue.shutdown();
    }

    /** Waits for {@link #shutdown} to finish (the workbench leaving must not leave servers behind). */
    void awaitShutdown() {
        try {
            queue.awaitTermination(2 * SHUTDOWN_SECONDS + 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Process running = process;
        if (running != null && running.isAlive()) {
            running.destroyForcibly();
        }
    }
}
