package org.denali.lang.check;

import java.util.Locale;
import java.util.Optional;

import org.denali.lang.asm.DenaliAsmStandaloneSetup;
import org.denali.lang.deploy.DenaliDeployStandaloneSetup;

import com.google.inject.Injector;

/**
 * The two Denali languages' Guice injectors, created once (standalone setup: EMF registration without the
 * Eclipse extension registry), and which one a file name belongs to.
 */
public final class DenaliLanguages {
    private static Injector assembly;
    private static Injector deployment;

    private DenaliLanguages() {
    }

    public static synchronized Injector assembly() {
        if (assembly == null) {
            assembly = new DenaliAsmStandaloneSetup().createInjectorAndDoEMFRegistration();
        }
        return assembly;
    }

    public static synchronized Injector deployment() {
        if (deployment == null) {
            deployment = new DenaliDeployStandaloneSetup().createInjectorAndDoEMFRegistration();
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
