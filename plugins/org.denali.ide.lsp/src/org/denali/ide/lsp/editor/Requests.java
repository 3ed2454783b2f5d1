package org.denali.ide.lsp.editor;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.denali.ide.lsp.client.ServerUnavailableException;

/**
 * Waiting for an answer the user is waiting for (completion, hover, F3): a bounded wait; a request that takes
 * longer is cancelled on the server, and the feature simply shows nothing.
 */
final class Requests {
    private Requests() {
    }

    static <T> Optional<T> await(CompletableFuture<T> request, long millis) {
        try {
            return Optional.ofNullable(request.get(millis, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            request.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            request.cancel(true);
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | CancellationException e) {
            if (!(e.getCause() instanceof ServerUnavailableException)) {
                org.denali.ide.lsp.LspPlugin.info("language server request failed: " + e.getMessage());
            }
            return Optional.empty();
        }
    }
}
