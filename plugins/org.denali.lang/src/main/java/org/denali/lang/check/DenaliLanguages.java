package org.denali.lang.check;

import java.util.Locale;
import java.util.Optional;

import org.denali.lang.asm.ide.DenaliAsmIdeSetup;
import org.denali.lang.deploy.ide.DenaliDeployIdeSetup;

import com.google.inject.Injector;

/**
 * The two Denali languages' Guice injectors, created once (standalone setup: EMF registration without the
 * Eclipse extension registry), and which one a file name belongs to. Each injector mixes the runtime and the
 * generic ide module, so the ide services (content assist, highlighting) come from the same injector.
 */
public final class DenaliLanguages {
    private static Injector assembly;
    private static Injector deployment;

    private DenaliLanguages() {
    }

    public static synchronized Injector assembly() {
        if (assembly == null) {
            assembly = new DenaliAsmIdeSetup().createInjectorAndDoEMFRegistration();
        }
        return assembly;
    }

    public static synchronized Injector deployment() {
        if (deployment == null) {
            deployment = new DenaliDeployIdeSetup().createInjectorAndDoEMFRegistration();
        }
        return deployment;
    }

    /** The injector for a file name: .S and .s are assembly, .denali a deployment. */
    public static Optional<Injector> forFile(String fileName) {
        if (fileName.endsWith(".S") || fileName.endsWith(".s")) {
            return Optional.of(assembly());
        }
        if (fileName.toLowerCase(Locale.ROOT).endsWith(".denali")) {
            return Optional.of(deployment());
        }
        return Optional.empty();
    }
}
